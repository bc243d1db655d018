// The preview server's home page: frames the art as ordinals.com does (<iframe sandbox=allow-scripts
// src=/preview/<id>>) under a control bar that lives OUTSIDE the frame. The bar changes the simulated chain through
// /-/state (not an ord route, and outside the inscription's CSP); the framed page only ever sees height and fee through
// the ord endpoints, so the bar reloads the frame (double-buffered, no flash) to show a change at once.
import { ID_PATTERN } from '../../src/chain/ids';

export interface HomeData {
  art: { id: string; name: string };
  brains: { id: string; name: string }[];
  tokens: { id: string; name: string }[];
  /** The collection's parent, whose children page (/children/<id>) shows the tokens as an explorer's grid. */
  parent?: string;
  birthHeight: number;
  state: { height: number; fee: number; blocksPerSecond: number; playing: boolean };
  sliderMax: number;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const idButton = (i: { id: string; name: string }, cls: string): string =>
  `<li><button class="${cls}" data-id="${esc(i.id)}" title="${esc(i.id)}"><b>${esc(i.name)}</b> <code>${esc(i.id.slice(0, 8))}…${esc(i.id.slice(-6))}</code></button></li>`;

export function renderHome(d: HomeData): string {
  const first = d.tokens[0] ?? d.art;
  const json = JSON.stringify({ art: d.art.id, first: first.id, birth: d.birthHeight, state: d.state }).replace(/</g, '\\u003c');
  const tokens = d.tokens.length
    ? (d.parent ? `<p><a href="/children/${esc(d.parent)}" target="_blank" rel="noopener">the tokens as ord's grid (/children/&lt;parent&gt;)</a></p>` : '') +
      `<details open><summary>Tokens (${d.tokens.length}): click to view</summary><ul class="ids">${d.tokens.map((t) => idButton(t, 'token')).join('')}</ul>
<button class="token" data-id="${esc(d.art.id)}">the art itself (${esc(d.art.name)})</button></details>`
    : '';
  const brains = d.brains.length
    ? `<ul class="ids">${d.brains.map((b) => idButton(b, 'brain')).join('')}</ul>`
    : '<p class="note">No brains in the brains folder.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Perceptrons preview</title><link rel="icon" href="data:,">
<style>
*{box-sizing:border-box}body{margin:0;font:13px/1.4 system-ui,sans-serif;background:#131313;color:#ddd;display:flex;flex-direction:column;height:100vh}
header{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;padding:.5rem .8rem;background:#1d1d1d;border-bottom:1px solid #333}
label{display:flex;gap:.35rem;align-items:center}input[type=number]{width:7.5em;background:#111;color:#eee;border:1px solid #444;padding:.15rem .3rem}
input[type=range]{width:min(34vw,420px)}button{background:#2a2a2a;color:#eee;border:1px solid #555;border-radius:3px;padding:.2rem .55rem;cursor:pointer}
button:hover{border-color:#aaa}main{flex:1;display:flex;min-height:0}#stage{flex:1;position:relative;background:#000}
#stage iframe{position:absolute;inset:0;width:100%;height:100%;border:0;background:#000}#stage iframe.next{opacity:0;pointer-events:none}
aside{width:min(320px,32vw);overflow:auto;padding:.6rem .8rem;background:#181818;border-left:1px solid #333}
ul.ids{list-style:none;margin:.3rem 0;padding:0}ul.ids li{margin:.2rem 0}ul.ids button{width:100%;text-align:left}
code{color:#9cf}.note{color:#999}h2{font-size:13px;margin:.8rem 0 .2rem}#status{color:#aaa;min-width:14em}a{color:#9cf}
button.on{background:#355;border-color:#7cc}
</style></head><body>
<header>
<strong>Perceptrons · local ord</strong>
<label>height <input id="range" type="range" min="${d.birthHeight}" max="${d.sliderMax}" step="1" value="${d.state.height}"></label>
<input id="height" type="number" min="0" step="1" value="${d.state.height}" aria-label="block height">
<button id="play" title="advance the simulated chain">▶ play</button>
<label><input id="bps" type="number" min="0.1" step="any" value="${d.state.blocksPerSecond}"> blocks/s</label>
<label>fee <input id="fee" type="number" min="0" step="1" value="${d.state.fee}"> sat/vB</label>
<button id="reload" title="reload the framed inscription">reload frame</button>
<span id="status"></span>
</header>
<main><div id="stage"><iframe sandbox=allow-scripts src=/preview/${esc(first.id)}></iframe></div>
<aside>
<p class="note">The frame is sandboxed exactly like ordinals.com: it reads height and fee only through ord's endpoints
(<code>/r/blockheight</code>, <code>/r/blockinfo/&lt;h&gt;</code>). Its own poll picks changes up within a minute; this bar reloads it to show them at once.</p>
<p><a id="open" href="/content/${esc(first.id)}" target="_blank" rel="noopener">open /content/&lt;id&gt; unsandboxed</a></p>
${tokens}
<h2>Brains: click an ID to copy it, then press U in the art</h2>
${brains}
<h2>Birth height</h2><p><code>${d.birthHeight}</code> (the art's /r/inscription height)</p>
</aside></main>
<script>
const D=${json};let s=D.state,current=${ID_PATTERN}.test(location.hash.slice(1))?location.hash.slice(1):D.first,pending=0,timer=0;
const $=(id)=>document.getElementById(id),stage=$('stage');
function show(){$('range').value=s.height;$('height').value=s.height;$('fee').value=s.fee;$('bps').value=s.blocksPerSecond;
$('play').textContent=s.playing?'❚❚ pause':'▶ play';$('play').classList.toggle('on',s.playing);
$('status').textContent='tip '+s.height+' · age '+(s.height-D.birth)+' blocks · '+s.fee+' sat/vB';
$('open').href='/content/'+current;for(const b of document.querySelectorAll('button.token'))b.classList.toggle('on',b.dataset.id===current);}
async function set(q){const r=await fetch('/-/state?'+new URLSearchParams(q),{method:'POST'});if(r.ok)s=await r.json();else $('status').textContent=await r.text();show();}
function reload(){const f=document.createElement('iframe');f.setAttribute('sandbox','allow-scripts');f.className='next';f.src='/preview/'+current;
const mine=++pending;f.onload=()=>setTimeout(()=>{if(mine!==pending){f.remove();return;}for(const o of stage.querySelectorAll('iframe'))if(o!==f)o.remove();f.className='';},350);stage.append(f);}
$('range').oninput=()=>{$('height').value=$('range').value;};
$('range').onchange=()=>set({height:$('range').value}).then(reload);
$('height').onchange=()=>set({height:$('height').value}).then(reload);
$('fee').onchange=()=>set({fee:$('fee').value}).then(reload);
$('bps').onchange=()=>set({blocksPerSecond:$('bps').value});
$('play').onclick=()=>set({playing:String(!s.playing)}).then(tick);
$('reload').onclick=reload;
for(const b of document.querySelectorAll('button.token'))b.onclick=()=>{current=b.dataset.id;location.hash=current;show();reload();};
for(const b of document.querySelectorAll('button.brain'))b.onclick=async()=>{const id=b.dataset.id;
try{await navigator.clipboard.writeText(id);}catch{const t=document.createElement('textarea');t.value=id;document.body.append(t);t.select();document.execCommand('copy');t.remove();}
const old=b.innerHTML;b.textContent='copied '+id.slice(0,12)+'…';setTimeout(()=>{b.innerHTML=old;},1200);};
async function tick(){clearTimeout(timer);if(!s.playing)return;const r=await fetch('/-/state');if(r.ok){s=await r.json();show();reload();}timer=setTimeout(tick,2000);}
if(current!==D.first)reload();show();tick();
</script></body></html>
`;
}
