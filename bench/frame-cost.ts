// Where an animated frame's cost goes: the browser's CPU (every Chromium process, CPU-seconds from /proc) over 10 s
// with one Perceptron framed at --size px (default 800), whole and with parts of its frame switched off inside the
// frame; then plain canvases animating in a frame of the same size, the floor any 60 frames-a-second animation pays,
// the same at lower frame rates, and drawn from a worker (OffscreenCanvas).
// Usage: npx tsx bench/frame-cost.ts [--size 800] [--seconds 10] [--html inscription.html] [--cases N (the first N)]
// (--html: the page to frame; an older build shows where its frames' time went)
import { loadavg } from 'node:os';
import { startServer } from '../tools/server/server';
import { cpuPercent } from './proc-cpu';
import { launchChromium } from '../tools/gallery/lab';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const size = Number(arg('size', '800'));
const seconds = Number(arg('seconds', '10'));
if (!(size >= 100 && seconds >= 2)) throw new Error('--size must be at least 100 and --seconds at least 2');

// switched off inside the frame: on the page's own canvas, every copy of the still image (the whole one of a new
// scene, and the rectangles where the last pulses were), and the pulses' strokes and fills (Path2D)
const NO_COPY = `{const d=CanvasRenderingContext2D.prototype.drawImage;CanvasRenderingContext2D.prototype.drawImage=function(...a){if(this.canvas.isConnected)return;return d.apply(this,a)}}`;
const NO_PULSES = `{for(const m of ['stroke','fill']){const d=CanvasRenderingContext2D.prototype[m];CanvasRenderingContext2D.prototype[m]=function(...a){if(this.canvas.isConnected&&a[0] instanceof Path2D)return;return d.apply(this,a)}}}`;
const NO_LOOP = 'window.requestAnimationFrame=()=>0;';

// plain canvases of the same size: a loop drawing nothing, one changing 10x10 pixels a frame, one copying the whole canvas too
const plain = (body: string) =>
  `<canvas width=${size} height=${size}></canvas><script>const c=document.querySelector('canvas').getContext('2d');` +
  `const o=document.createElement('canvas');o.width=o.height=${size};o.getContext('2d').fillRect(0,0,${size},${size});let i=0;` +
  `function f(){i++;${body}requestAnimationFrame(f)}f()</script>`;
const SMALL = `c.fillStyle=i%2?'red':'blue';c.fillRect(100,100,10,10);`;
// the same change at a lower frame rate: the next frame asked for `ms` after this one (a timer, then an animation frame)
const paced = (ms: number) =>
  `<canvas width=${size} height=${size}></canvas><script>const c=document.querySelector('canvas').getContext('2d');let i=0;` +
  `function f(){i++;${SMALL}setTimeout(()=>requestAnimationFrame(f),${ms})}f()</script>`;
// the same change drawn by a worker on an OffscreenCanvas (no work on the frame's main thread per frame)
const worker =
  `<canvas width=${size} height=${size}></canvas><script>const o=document.querySelector('canvas').transferControlToOffscreen();` +
  `const w=new Worker(URL.createObjectURL(new Blob([\`onmessage=(e)=>{const c=e.data.getContext('2d');let i=0;` +
  `function f(){i++;${SMALL}requestAnimationFrame(f)}f()}\`])));w.postMessage(o,[o]);</script>`;

const server = await startServer({ port: 0, quiet: true, html: arg('html', 'inscription.html') });
const browser = await launchChromium();
try {
  const cases: [string, { init?: string; src?: string; srcdoc?: string }][] = [
    ['the Perceptron', {}],
    ['  without copying the still', { init: NO_COPY }],
    ['  without the pulses', { init: NO_PULSES }],
    ['  without both (the loop)', { init: NO_COPY + NO_PULSES }],
    ['  without the loop', { init: NO_LOOP }],
    ['empty frame', { src: 'about:blank' }],
    ['canvas: loop only', { srcdoc: plain('') }],
    ['canvas: 10x10 px a frame', { srcdoc: plain(SMALL) }],
    ['canvas: + a whole copy', { srcdoc: plain('c.drawImage(o,0,0);' + SMALL) }],
    ['canvas: 10x10 px, 30 a second', { srcdoc: paced(25) }],
    ['canvas: 10x10 px, 20 a second', { srcdoc: paced(42) }],
    ['canvas: 10x10 px, 12 a second', { srcdoc: paced(75) }],
    ['worker canvas: 10x10 px a frame', { srcdoc: worker }],
  ];
  console.log(`frame cost at ${size} px, ${seconds} s each, load average ${loadavg()[0].toFixed(1)}: browser CPU in % of one core`);
  for (const [name, c] of cases.slice(0, Number(arg('cases', String(cases.length))))) {
    const context = await browser.newContext({ viewport: { width: size + 40, height: size + 40 } });
    if (c.init) await context.addInitScript(c.init);
    const page = await context.newPage();
    const frame = c.srcdoc !== undefined
      ? `srcdoc="${c.srcdoc.replace(/"/g, '&quot;')}"`
      : `src="${c.src ?? `/preview/${server.artId}`}"`;
    const body = `<style>body{margin:0}iframe{border:0;width:${size}px;height:${size}px}</style><iframe sandbox=allow-scripts ${frame}></iframe>`;
    await page.route(server.url + 'frame-cost.html', (r) => r.fulfill({ contentType: 'text/html', body }));
    await page.goto(server.url + 'frame-cost.html');
    await page.waitForTimeout(3000);
    const cpu = await cpuPercent(() => page.waitForTimeout(seconds * 1000));
    console.log(`${name.padEnd(28)} ${cpu.toFixed(1).padStart(6)}%`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
