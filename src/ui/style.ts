// The page's one CSS block, injected at startup (the shell styles only html, body and the canvas).
// Bare element selectors are safe: the shell holds only the canvas, every other element is the UI's.
export const CSS = `button,input{font:inherit;color:inherit;background:#0008;border:1px solid #fff4;border-radius:4px;padding:4px 8px}
.bar{position:fixed;top:8px;right:8px;display:flex;gap:6px;opacity:.4}.bar:hover,.bar:focus-within{opacity:1}
.hint,.toast,.ov{position:fixed;bottom:8px;left:8px;margin:0;background:#000b;padding:4px 8px;border-radius:4px}
.hint{opacity:.6}.toast{bottom:36px}.toast:empty{display:none}
.ov{left:auto;right:8px;width:min(380px,100vw - 16px);max-height:calc(100vh - 16px);overflow:auto;background:#111e;border:1px solid #fff3;padding:10px 14px}
h2{font-size:15px;margin:0 0 8px}.x{float:right}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px}dt{opacity:.6}dd{margin:0;overflow-wrap:anywhere}
.res{display:flex;gap:10px}ol{list-style:none;padding:0;margin:0;flex:1;min-width:0}
li{display:grid;grid-template-columns:minmax(0,8em) 1fr 3.5em;gap:6px;align-items:center}
span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}em{font-style:normal;text-align:right}
b{height:8px;background:#fff2}i{display:block;height:100%;background:#fc0}
.th{width:84px;height:84px;image-rendering:pixelated}
input{width:100%;margin:4px 0 8px}.ov,input{box-sizing:border-box}
.msg{color:#fc0}.drag canvas{outline:3px dashed #fc0;outline-offset:-3px}
canvas{user-select:none;-webkit-user-select:none;-webkit-touch-callout:none}`;
