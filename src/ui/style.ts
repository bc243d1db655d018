// The page's one CSS block, injected at startup (the shell only styles html, body and the canvas).
export const CSS = `
.ui button{font:inherit;color:inherit;background:#0008;border:1px solid #fff4;border-radius:4px;padding:4px 8px;cursor:pointer}
.ui button:focus-visible,.ui input:focus-visible{outline:2px solid #fc0}
.bar{position:fixed;top:8px;right:8px;display:flex;gap:6px;opacity:.35}
.bar:hover,.bar:focus-within{opacity:1}
.hint,.toast{position:fixed;left:50%;transform:translateX(-50%);background:#000b;padding:4px 10px;border-radius:4px;max-width:90vw}
.hint{bottom:8px;opacity:.6}
.toast{bottom:40px}
.toast:empty{display:none}
.ov{position:fixed;inset:auto 8px 8px auto;width:min(400px,calc(100vw - 16px));max-height:calc(100vh - 16px);overflow:auto;
box-sizing:border-box;background:#111e;border:1px solid #fff3;border-radius:6px;padding:12px 14px}
.ov h2{font-size:15px;margin:0 0 8px}
.ov .x{float:right}
.ov dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0 0 8px}
.ov dt{opacity:.65}.ov dd{margin:0;overflow-wrap:anywhere}
.ov table{border-collapse:collapse}.ov th,.ov td{text-align:left;padding:2px 8px 2px 0;vertical-align:top}
.ov ol{list-style:none;padding:0;margin:8px 0}
.ov li{display:grid;grid-template-columns:minmax(0,9em) 1fr 4em;gap:8px;align-items:center}
.ov li span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.ov li b{height:8px;background:#fff2}.ov li i{display:block;height:100%;background:#fc0}
.ov li em{font-style:normal;text-align:right}
.th{width:96px;height:96px;image-rendering:pixelated;border:1px solid #fff4}
.ov input{font:inherit;width:100%;box-sizing:border-box;margin:4px 0 8px;padding:4px;background:#000;color:#eee;border:1px solid #fff4}
.ov .f{display:flex;flex-wrap:wrap;gap:6px}.ov label{width:100%}
.msg{min-height:1.4em;color:#fc0}
.drag canvas{outline:3px dashed #fc0;outline-offset:-3px}
`;
