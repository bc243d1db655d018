// Page entry (bundled into inscription.html): wires the brain (nn), the portrait (art) and the chain client together,
// and handles the viewer's input: drop/paste/open an image, U to upgrade the brain, H/I/S/Esc panels.
import { activations, classify, decodeDataInscription, parameterCount } from '../nn/index';
import type { Model } from '../nn/model';
import { generateGenome, lifeAt } from '../art/genome';
import { createPortrait, type Scene } from '../art/portrait';
import { blockHeight, createChainWatcher, feeRate, fetchBrain, isInscriptionId, ownIdentity, safeStorage } from '../chain/index';
import { config } from './config';
import { h } from './dom';
import { actionFor, type Action } from './keys';
import { createOverlay } from './overlay';
import { expose, frozen, type PageState } from './state';
import { explain, resolveBrain, type Resolved } from './brain';
import { infoRows } from './info';
import { readPixels } from './image';
import { silence } from './verdict';
import { helpView, infoView, resultView, upgradeView } from './views';
import { CSS } from './style';

const still = new URLSearchParams(location.search).get('still') === '1';
const canvas = document.querySelector('canvas') ?? document.body.appendChild(h('canvas'));
const ui = document.body.appendChild(h('div', { class: 'ui' }));
document.head.append(h('style', {}, CSS));

const ident = ownIdentity(location, config.seed);
const genome = generateGenome(ident.seed);
const storeKey = 'perceptron.brain.' + (ident.id || ident.seed);
const s: PageState = {
  seed: ident.seed, features: genome.features, stage: 'growing', age: 0, life: 1, height: config.fallbackHeight,
  feeRate: null, brain: frozen({ id: config.brainId, name: '', classes: [], parameters: 0 }), prediction: null, ready: false,
};
let lastInput: { pixels: Uint8ClampedArray; w: number; h: number } | null = null;
expose(window, s, {
  // Test hook (non-enumerable, outside the fixed shape): the exact pixels the network last saw.
  _debug: () => ({ birthHeight: config.birthHeight,
    input: lastInput && { width: lastInput.w, height: lastInput.h, pixels: Array.from(lastInput.pixels) } }),
});

let brain: Resolved = { id: config.brainId, model: null, source: 'none', problem: '' };
let offline = false;
const portrait = createPortrait(canvas);
const hiddenOf = (m: Model | null): number[] => (m ? m.layers.slice(0, -1).map((l) => l.units) : genome.hidden);
let life = lifeAt(genome, s.height, config.birthHeight, hiddenOf(null));
let scene: Scene = { genome, model: null, life, height: s.height, feeRate: null, input: null };

/** Recomputes life and the scene from brain, height and fee; the portrait and the classifier always change together. */
function refresh(): void {
  const m = brain.model;
  life = lifeAt(genome, s.height, config.birthHeight, hiddenOf(m), m ? m.layers[m.layers.length - 1].units : undefined);
  Object.assign(s, { stage: life.stage, age: life.age, life: life.life });
  scene = { genome, model: brain.model, life, height: s.height, feeRate: s.feeRate, input: scene.input };
  portrait.setScene(scene);
  if (still) portrait.drawFrame(0);
}

function useBrain(r: Resolved): void {
  brain = r;
  const m = r.model;
  s.brain = frozen({ id: r.id, name: m ? m.name : '', classes: m ? [...m.classes] : [], parameters: m ? parameterCount(m) : 0 });
  s.prediction = null;
  scene = { ...scene, input: null };
  refresh();
}

// ---- messages and panels
const toastEl = ui.appendChild(h('p', { class: 'toast', role: 'status', 'aria-live': 'polite' }));
let toastTimer = 0;
function toast(msg: string): void {
  toastEl.textContent = msg;
  clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => (toastEl.textContent = ''), 7000);
}
const hint = ui.appendChild(h('p', { class: 'hint' }, 'click or tap, then H for keys · drop an image to classify'));
const overlay = createOverlay(ui, () => canvas.focus());
canvas.tabIndex = 0;
canvas.setAttribute('aria-label', 'Perceptron: the portrait of a living neural network. Press H for keys.');
canvas.setAttribute('role', 'img');

const picker = ui.appendChild(h('input', { type: 'file', accept: 'image/*', hidden: '', 'aria-label': 'image to classify' }));
picker.onchange = () => {
  if (picker.files?.[0]) void classifyFile(picker.files[0]);
  picker.value = '';
};
const bar = ui.appendChild(h('div', { class: 'bar' }));
for (const [label, text, act] of [['open an image to classify (O)', '◫', 'open'], ['upgrade the brain (U)', '⇪', 'upgrade'],
  ['help (H)', '?', 'help']] as const) {
  const b = bar.appendChild(h('button', { type: 'button', 'aria-label': label, title: label }, text));
  b.onclick = () => run(act);
}

function toggle(name: string, show: () => void): void {
  if (overlay.current === name) overlay.close();
  else show();
}

function showInfo(): void {
  const rows = infoRows({ brainId: brain.id, model: brain.model, parameters: s.brain.parameters, features: genome.features,
    birthYear: genome.birthYear, history: genome.history, stage: s.stage, age: s.age, life: s.life, height: s.height,
    feeRate: s.feeRate, source: brain.source, offline });
  overlay.open('info', 'Perceptron', infoView(rows, save));
}

function save(): void {
  canvas.toBlob((b) => {
    if (!b) return toast('Could not make a PNG of this frame.');
    const a = h('a', { href: URL.createObjectURL(b), download: `perceptron-${s.seed.slice(0, 8)}-${s.height}.png` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    toast(self.origin === 'null'
      ? `If nothing downloads, this frame blocks downloads: open /content/${ident.id || '<id>'} directly.` : 'Saved the PNG.');
  }, 'image/png');
}

// ---- classify
let busy = false;
async function classifyFile(file: Blob): Promise<void> {
  const m = brain.model;
  const alive = life.alive;
  if (!m) return toast('No brain is loaded, so there is nothing to classify with.');
  if (busy) return;
  busy = true;
  toast('Looking…');
  try {
    const [ht, w] = m.inputShape;
    const seen = await readPixels(file, w, ht);
    lastInput = { pixels: seen.pixels, w, h: ht };
    scene = { ...scene, input: seen.pixels };
    const why = silence(life.stage, alive.neurons);
    let ranked = null;
    if (why) s.prediction = null;
    else {
      ranked = classify(m, seen.pixels, { alive }).map(({ name, p }) => ({ name, p }));
      s.prediction = frozen({ classes: ranked });
    }
    refresh();
    if (!why) portrait.replay(activations(m, seen.pixels, { alive }));
    if (still) portrait.drawFrame(0);
    toast('');
    overlay.open('result', why ? 'No answer' : 'What it sees', resultView(ranked, seen.pixels, w, ht, why || seen.note));
  } catch (e) {
    toast(e instanceof Error ? e.message : String(e));
  } finally {
    busy = false;
  }
}

// ---- upgrade
let fetching = false;
async function upgrade(id: string, say: (m: string) => void): Promise<void> {
  if (!isInscriptionId(id)) return say(explain({ kind: 'bad-id', message: '' }));
  if (fetching) return;
  fetching = true;
  say('Fetching the brain…');
  const r = await fetchBrain(id);
  fetching = false;
  if (!r.ok) return say(`${explain(r.error)} Kept the current brain.`);
  useBrain({ id, model: r.model, source: 'chain', problem: '' });
  safeStorage.set(storeKey, id);
  say(`Plugged in: ${r.model.name.slice(0, 60)} (${r.model.classes.length} classes).`);
}

async function restore(say: (m: string) => void): Promise<void> {
  safeStorage.remove(storeKey);
  if (brain.id === config.brainId && brain.source !== 'none') return say('This is already the default brain.');
  const r = await resolveBrain('', config.brainId, (id) => fetchBrain(id), embedded);
  useBrain(r);
  say(r.model ? 'Restored the default brain.' : 'The default brain could not be loaded.');
}

function embedded(): Model | null {
  try {
    return config.embeddedBrain ? decodeDataInscription(config.embeddedBrain) : null;
  } catch {
    return null;
  }
}

// ---- input
function run(a: Action): void {
  hint.hidden = true;
  if (a === 'open') picker.click();
  else if (a === 'upgrade') overlay.open('upgrade', 'Upgrade the brain', upgradeView(() => `${brain.model ? brain.model.name.slice(0, 40) : 'none'} (${brain.id.slice(0, 8)}…)`, {
    submit: (id, say) => void upgrade(id, say), restore: (say) => void restore(say) }));
  else if (a === 'restore') {
    const say = overlay.current === 'upgrade' ? (m: string) => (ui.querySelector('.msg')!.textContent = m) : toast;
    void restore(say);
  } else if (a === 'info') toggle('info', showInfo);
  else if (a === 'help') toggle('help', () => overlay.open('help', 'Keys', helpView()));
  else if (a === 'save') save();
  else overlay.close();
}

addEventListener('keydown', (e) => {
  hint.hidden = true;
  if (overlay.trap(e)) return;
  const a = actionFor(e);
  if (!a || (e.target instanceof HTMLInputElement && a !== 'close')) return;
  e.preventDefault();
  run(a);
});
let downAt = 0;
canvas.addEventListener('pointerdown', () => (downAt = performance.now()));
canvas.addEventListener('pointerup', () => run(performance.now() - downAt > 500 ? 'open' : 'info'));
canvas.addEventListener('contextmenu', (e) => e.preventDefault());
addEventListener('dragover', (e) => {
  e.preventDefault();
  document.body.classList.add('drag');
});
addEventListener('dragleave', () => document.body.classList.remove('drag'));
addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('drag');
  const f = e.dataTransfer?.files[0];
  if (f) void classifyFile(f);
});
addEventListener('paste', (e) => {
  const f = Array.from(e.clipboardData?.files ?? []).find((x) => x.type.startsWith('image/'));
  if (f) {
    e.preventDefault();
    void classifyFile(f);
  }
});

// ---- startup
async function boot(): Promise<void> {
  const wanted = safeStorage.get(storeKey) ?? '';
  const [r, height] = await Promise.all([resolveBrain(wanted, config.brainId, (id) => fetchBrain(id), embedded), blockHeight()]);
  offline = height === null;
  s.height = height ?? config.fallbackHeight;
  const fee = offline ? null : await feeRate(s.height);
  s.feeRate = fee ? fee.rate : null;
  useBrain(r);
  if (r.problem) toast(r.problem + (r.model ? ' Using the default brain.' : ''));
  if (still) portrait.drawFrame(0);
  else {
    portrait.drawFrame(performance.now());
    portrait.start();
    createChainWatcher({
      height,
      fee,
      onBlock(h, f) {
        s.height = h;
        s.feeRate = f ? f.rate : s.feeRate;
        refresh();
      },
      onStatus: (live) => void (offline = !live),
    });
  }
  s.ready = true;
}
void boot();
