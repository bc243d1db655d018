// The UI's CSS block, injected at startup (the shell styles only html, body and the canvas).
// Bare element selectors are safe: the shell holds only the canvas, every other element is the UI's.
export const CSS = `button,input,.hint,.toast,.ov{font:inherit;color:inherit;background:#111d;border:1px solid #fff4;border-radius:4px;padding:4px 8px;margin:0}
.hint,.toast,.ov,.bar{position:fixed;bottom:8px;left:8px}.hint,dt{opacity:.6}.toast{bottom:40px}.toast:empty{display:none}
.bar{top:8px;bottom:auto;left:auto;right:8px;display:flex;gap:6px}
.ov{left:auto;right:8px;width:380px;max-width:80vw;max-height:90vh;overflow:auto;padding:12px}
h2{font-size:1.1em;margin-top:0}.x{float:right}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;flex:1}dt,dd{margin:0;overflow-wrap:anywhere}
.res{display:flex;gap:10px}progress{width:70%;margin-right:6px;accent-color:#fc0}
.th{width:84px;height:84px;image-rendering:pixelated}
input{width:100%;margin:4px 0 8px;box-sizing:border-box}
.msg{color:#fc0}.drag canvas{outline:3px dashed #fc0;outline-offset:-3px}`;
