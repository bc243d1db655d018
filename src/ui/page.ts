// The page itself (bundled into inscription.html, started by main.ts once the page is first seen): wires the brain (nn),
// the portrait (art) and the chain client together, and handles the viewer's input: drop/paste/open an image, U to
// upgrade the brain, H/I/S/Esc panels.
import { activations, classify, decodeDataInscription, parameterCount, simdPlan } from '../nn/index';
import type { Model } from '../nn/model';
import { blockHeight, createChainWatcher, feeRate, fetchBrain, fetchMetadata, findUpgrade, inscriptionRecord, ownIdentity, safeStorage, upgradeBatch, type UpgradeSearch } from '../chain/index';
import { maxPlausibleHeight } from '../chain/block';
import { generateGenome } from '../art/traits';
import { lifeAt, type Life } from '../art/life';
import { createPortrait, type Scene } from '../art/portrait';
import { paletteNamed } from '../art/palettes';
import { brainCandidates, explain, pastedId, resolveBrain, type Resolved } from './brain';
import { sourceRows } from './brain-source';
import { config } from './config';
import { button, h } from './dom';
import { readPixels } from './image';
import { infoRows } from './info';
import { actionFor, type Action } from './keys';
import { createOverlay } from './overlay';
import { expose, frozen, type PageState } from './state';
import { silence } from './verdict';
import { helpView, infoView, isolated, resultView, upgradeView, type Say } from './views';
import CSS from './style.css';
import { explainNeuron } from '../art/explain';
import { createExplorer } from './explore-mode';
import { createMeasuring } from './measure-view';
import { showPortrait } from './shown';

/** Builds the page and starts it: fetches its record, metadata, upgrades and brain, then draws. Called once. */
export function startPage(): void {
  /** ?still=1: no animation loop and no chain polling; one deterministic frame per change (screenshot tests). */
  const still = /[?&]still=1\b/.test(location.search);
  const canvas = document.querySelector('canvas')!; // the shell's
  const ui = document.body; // the UI's elements follow the shell's canvas
  document.head.append(h('style', {}, CSS));

  const ident = ownIdentity(location, config.seed);
  let genome = generateGenome(ident.seed);
  // A collection token's metadata names its seed and brain at startup; ord's record gives the birth height; the newest
  // upgrade child on chain (a child of this inscription holding a brain) comes before the metadata's brain.
  let metadataBrainId: string | null = null;
  let upgradeSearch: UpgradeSearch = { child: null, skipped: [] };
  let birthHeight = config.birthHeight;
  /** The test set brains are measured on: the token's (its metadata's "test"), else the one the build names. */
  let testSetId = config.testSetId;
  const storeKey = 'perceptron.brain.' + (ident.id || ident.seed);
  /** window.perceptron.brain for a brain ID and its model (null: none loaded). */
  const brainInfo = (id: string, m: Model | null) =>
    frozen({ id, name: m?.name ?? '', classes: [...(m?.classes ?? [])], parameters: m ? parameterCount(m) : 0 });
  const s: PageState = {
    seed: ident.seed, features: genome.features, stage: 'growing', age: 0, life: 1, height: config.fallbackHeight,
    feeRate: null, brain: brainInfo(config.brainId, null), brainSource: 'default', brainChild: null, prediction: null, ready: false,
    get neurons() {
      return frozen(portrait.neurons());
    },
    explain: (layer, index) => {
      const e = askNeuron(layer, index);
      return frozen({ ...e, field: Array.from(e.field) }); // a typed array cannot be frozen
    },
  };
  // _debug: a non-enumerable test hook outside the fixed shape: the exact pixels the network last saw (HxWx3).
  expose(window, s, () => ({ birthHeight, pixels: scene?.input }), answerFor, (id, on) => measuring.answer(id, on));

  let brain: Resolved = { id: config.brainId, model: null, problem: '', source: 'default', child: null };
  let offline = false;
  let life: Life;
  let scene: Scene;
  const portrait = createPortrait(canvas);
  // out of view: nothing drawn; a thumbnail: one still frame and no controls until touched; else the animation
  const view = showPortrait(canvas, ui, portrait, still);
  /** Still mode draws one frame per change; otherwise the animation loop draws. */
  function draw(t = 0): void {
    if (still) portrait.drawFrame(t);
  }

  /** What hidden neuron (layer, index) does, on the last image seen (replayed through the network as alive now). */
  function askNeuron(layer: number, index: number) {
    const m = brain.model;
    if (!m) throw new Error(s.ready ? 'No brain: no neurons to ask.' : LOADING);
    const acts = scene.input && activations(m, scene.input, { alive: life.alive, kernel: simdPlan });
    return explainNeuron(m, genome, life, s.height, acts, layer, index);
  }

  /** Life and scene from brain, height and fee: the portrait and the classifier always change together. */
  function refresh(input = scene?.input ?? null): void {
    const m = brain.model;
    const widths = m?.layers.map((l) => l.units); // hidden widths, then the outputs
    const hidden = widths ? widths.slice(0, -1) : genome.hidden;
    const outputs = widths?.[widths.length - 1];
    // The brain's trained neuron order (untrusted JSON): nothing but integers down to depth 2, lifeAt ignoring any layer
    // whose entry is not a permutation of its units (a bare integer or flat list then counts for nothing).
    const order = m?.trainingTraits.neuron_order;
    const orderIsIntegers = [order].flat(2).every(Number.isInteger);
    life = lifeAt(genome, s.height, birthHeight, hidden, outputs, orderIsIntegers ? (order as number[][]) : undefined);
    s.stage = life.stage;
    s.age = life.age;
    s.life = life.life;
    scene = { genome, model: m, life, height: s.height, feeRate: s.feeRate, input };
    portrait.setScene(scene);
    draw();
  }

  function useBrain(r: Resolved): void {
    s.brain = brainInfo(r.id, (brain = r).model);
    s.brainSource = r.source;
    s.brainChild = r.child && frozen({ ...r.child });
    s.prediction = null;
    refresh(null);
  }

  const embedded = (): Model | null => {
    try {
      return config.embeddedBrain && decodeDataInscription(config.embeddedBrain);
    } catch {
      return null;
    }
  };

  /** The brain plugged in here (local), else the newest upgrade child, else the token's own, else the art's default,
   * else the embedded copy. */
  const pickBrain = (local?: string | null): Promise<Resolved> => {
    const child = upgradeSearch.child && { ...upgradeSearch.child, source: 'child' as const };
    return resolveBrain(brainCandidates({ local, child, metadata: metadataBrainId, artDefault: config.brainId }), fetchBrain, embedded);
  };

  // ---- messages and panels
  const LOADING = 'Loading the brain…';
  const toastEl = ui.appendChild(h('p', { class: 'toast', role: 'status' }));
  let toastTimer = 0;
  /** The status line: parts as for Say (each text isolated), cleared after 7 s. */
  function toast(...parts: string[]): void {
    toastEl.replaceChildren(...(parts.map(isolated).filter(Boolean) as Node[]));
    clearTimeout(toastTimer);
    toastTimer = window.setTimeout(() => (toastEl.textContent = ''), 7000);
  }
  // a touch screen has no keys and no drag and drop: say what a finger does
  const touch = matchMedia('(pointer: coarse)').matches;
  const hint = ui.appendChild(h('p', { class: 'hint' },
    touch ? 'tap a neuron to ask what it does · tap: info · long press: classify a photo' : 'click, then H for keys · click a neuron to ask it · drop an image'));
  // Shown while the chain does not answer (or answers nonsense): the age and motion then come from the last known block.
  const chainNote = ui.appendChild(h('p', { class: 'net', role: 'status', hidden: '' }, 'chain unreachable'));
  function setOffline(on: boolean): void {
    offline = on;
    chainNote.hidden = !on;
    chainNote.title = on ? `No block height from the chain: the age shown is at block ${s.height}.` : '';
  }
  const overlay = createOverlay(ui);
  // an open info panel is drawn again when the running brain's measurement arrives
  const measuring = createMeasuring(() => brain, () => testSetId, () => {
    if (overlay.current === 'info') actions.info('');
  });
  const explorer = createExplorer({
    overlay, say: toast, neurons: () => portrait.neurons(), explain: askNeuron, focus: portrait.focus,
    meta: () => {
      const [ht, w] = brain.model!.inputShape, p = paletteNamed(genome.palette);
      return { w, h: ht, height: s.height, colours: [p.negative, p.paper, p.positive] };
    },
  });

  const picker = ui.appendChild(h('input', { type: 'file', accept: 'image/*', hidden: '' }));
  picker.onchange = () => {
    take(picker.files?.[0]);
    picker.value = '';
  };
  const bar = ui.appendChild(h('div', { class: 'bar' }));
  for (const [label, text, act] of [['open an image (O)', '◫', 'open'], ['upgrade the brain (U)', '⇪', 'upgrade'], ['help (H)', '?', 'help']] as const)
    bar.append(button(text, () => run(act), { 'aria-label': label, title: label }));

  function save(from = canvas): void {
    const name = `perceptron-${s.seed.slice(0, 8)}-${s.height}${from === canvas ? '' : `-${from.width}`}.png`;
    h('a', { href: from.toDataURL(), download: name }).click();
    // an explorer's sandbox (opaque origin) may block downloads silently
    toast(self.origin === 'null' ? `Nothing saved? This frame blocks downloads: open /content/${ident.id || '<id>'}` : 'Saved.');
  }

  /** K, as the 2023 original: the portrait drawn afresh at 4096 x 4096 pixels, whatever the window's size. */
  function save4k(): void {
    if (!scene) return;
    const big = h('canvas');
    const dpr = Math.max(1, Math.min(4, devicePixelRatio || 1)); // the portrait draws at CSS size x dpr (its cap)
    big.width = big.height = 4096 / dpr;
    const p = createPortrait(big);
    p.setScene(scene);
    p.drawFrame(performance.now());
    save(big);
  }

  /** B, as the 2023 original: a paper-coloured border around the sheet, on or off. */
  const toggleBorder = (): boolean => ui.classList.toggle('border');

  /** The page's own answer for an image file: the drop's, without the panels (window.perceptron.classify). */
  async function answerFor(file: Blob): Promise<{ name: string; p: number }[]> {
    const m = brain.model;
    if (!m) throw new Error(s.ready ? 'No brain: nothing to classify with.' : LOADING);
    const [ht, w] = m.inputShape;
    const { pixels } = await readPixels(file, w, ht);
    const why = silence(life.stage, life.alive.neurons);
    if (why) throw new Error(why);
    return classify(m, pixels, { alive: life.alive, kernel: simdPlan }).map(({ name, p }) => ({ name, p }));
  }

  // ---- classify
  let busy = false;
  const take = (f?: Blob | null) => f && void classifyFile(f);
  async function classifyFile(file: Blob): Promise<void> {
    const m = brain.model;
    hint.hidden = true;
    if (!m) return toast(s.ready ? 'No brain: nothing to classify with.' : LOADING);
    if (busy) return;
    busy = true;
    toast('Looking…');
    try {
      const [ht, w] = m.inputShape;
      const got = await readPixels(file, w, ht);
      if (brain.model !== m) return toast('The brain changed: drop the image again.');
      const { alive, stage } = life;
      const why = silence(stage, alive.neurons);
      const ranked = why ? null : classify(m, got.pixels, { alive, kernel: simdPlan }).map(({ name, p }) => ({ name, p }));
      s.prediction = ranked && frozen({ classes: ranked });
      refresh(got.pixels);
      if (ranked) portrait.replay(activations(m, got.pixels, { alive, kernel: simdPlan }));
      draw(why ? 0 : 3000); // still mode: the moment the replay has reached the output
      toast('');
      overlay.open('result', why ? 'No answer' : 'What it sees', resultView(ranked, got.rgba, w, ht, why || got.note));
    } catch (e) {
      toast((e as Error).message);
    } finally {
      busy = false;
    }
  }

  // ---- upgrade (U) and restore (Shift+U)
  let fetching = false;
  async function upgrade(raw: string, say: Say): Promise<void> {
    const id = pastedId(raw);
    if (fetching) return;
    fetching = true;
    say('Fetching…');
    const r = await fetchBrain(id); // a malformed ID: a 'bad-id' error, no request
    fetching = false;
    if (!r.ok) return say(explain(r.error) + ' Kept the current brain.');
    useBrain({ id, model: r.model, problem: '', source: 'local', child: null });
    measuring.showRunning();
    safeStorage.set(storeKey, id);
    say('Plugged in: ', r.model.name.slice(0, 60), ` (${r.model.classes.length} classes).`);
  }

  async function restore(say: Say): Promise<void> {
    safeStorage.remove(storeKey);
    const r = await pickBrain();
    useBrain(r);
    measuring.showRunning();
    say(r.model ? `Restored ${r.source == 'child' ? 'the upgrade on chain' : 'the default brain'}.` : r.problem);
  }

  /** The batch file that makes a brain plugged in here permanent for everyone (its holder inscribes it as a child of
   * this inscription); '' while no brain is plugged in or the page does not know its own ID. */
  const permanentBatch = (): string => (brain.source == 'local' && ident.id ? upgradeBatch(ident.id, { delegate: brain.id }) : '');

  // ---- input
  /** The brain in use, as the upgrade panel names it. */
  const inUse = (): string[] => [brain.model?.name.slice(0, 40) ?? 'none', ` (${brain.id.slice(0, 8)}…)`];
  /** What each action does: a Record, so an action added to keys.ts without a handler here does not compile. */
  const actions: Record<Action, (key: string) => void> = {
    open: () => picker.click(),
    save: () => save(),
    save4k,
    border: () => void toggleBorder(),
    restore: () => void restore(toast), // the upgrade panel's button reports in the panel instead
    close: () => explorer.back() || overlay.close(), // the neuron panel, then explore mode, first
    explore: () => explorer.enter(),
    move: (key) => explorer.move(key),
    ask: () => explorer.open(),
    help: () => overlay.open('help', 'Keys', helpView()),
    upgrade: () => {
      overlay.open('upgrade', 'Upgrade the brain', [...upgradeView(inUse, { submit: upgrade, restore, batch: permanentBatch, measure: measuring.fetched }), ...measuring.nodes]);
      measuring.showRunning();
    },
    info: () => overlay.open('info', 'Perceptron', infoView(infoRows({ brain, genome, state: s, offline, source: sourceRows(brain, upgradeSearch.skipped), measured: measuring.infoText() }), () => save())),
  };

  function run(a: Action, key = ''): void {
    hint.hidden = true;
    // the key of the open panel closes it again (H twice: help, then nothing)
    if (overlay.current === a) overlay.close();
    else actions[a](key);
  }

  addEventListener('keydown', (e) => {
    hint.hidden = true;
    if (overlay.trap(e)) return;
    const a = actionFor(e);
    if (!a || (e.target instanceof HTMLInputElement && a !== 'close')) return;
    // arrows and Enter are explore mode's only while it is on (Enter elsewhere presses the focused button)
    if ((a === 'move' || a === 'ask') && !explorer.active) return;
    e.preventDefault();
    run(a, e.key);
  });
  // touch and mouse: tap a neuron = ask it, tap elsewhere = info, long press = open an image
  let downAt = 0;
  canvas.onpointerdown = (e) => (downAt = e.timeStamp);
  canvas.onpointerup = (e) => {
    const b = canvas.getBoundingClientRect();
    hint.hidden = true;
    if (view.waking) return; // a thumbnail's first tap only wakes it (its controls show)
    if (e.timeStamp - downAt > 500) run('open');
    else if (!explorer.tap(e.clientX - b.left, e.clientY - b.top)) {
      explorer.leave();
      run('info');
    }
  };
  canvas.oncontextmenu = (e) => e.preventDefault();
  const dragging = (on: boolean) => (e: Event) => {
    e.preventDefault();
    ui.classList.toggle('drag', on);
  };
  addEventListener('dragover', dragging(true));
  addEventListener('dragleave', dragging(false));
  addEventListener('drop', (e) => {
    dragging(false)(e);
    take(e.dataTransfer?.files[0]);
  });
  addEventListener('paste', (e) => take(e.clipboardData?.files[0])); // as a drop: a non-image file is refused with a message

  // ---- startup
  setTimeout(() => s.ready || toast(LOADING), 1500); // a slow explorer: say why nothing is drawn yet

  async function start(): Promise<void> {
    // Who this inscription is: ord's record of it gives its birth height; a collection token (it delegates its content
    // to the art) has metadata naming its seed and brain. Bad metadata: the default brain, and the viewer is told why.
    // Its children are listed at the same time: an upgrade child is known before any brain is shown. What does not
    // depend on another answer is asked at once: in an explorer's grid the frames share one thread, and each round trip
    // waits its turn behind the other frames' work. (The metadata waits for the record: asked of an inscription
    // without any, ord answers 404, ord docs/src/inscriptions/metadata.md; an error in the viewer's console.)
    const id = ident.id;
    const [record, found, tip] = await Promise.all([
      id ? inscriptionRecord(id) : null,
      id ? findUpgrade(id) : null,
      blockHeight({ maxHeight: maxPlausibleHeight(birthHeight) }), // bounded by the baked birth height, then the record's
    ]);
    const meta = record?.delegate ? await fetchMetadata(id!) : null;
    if (found) upgradeSearch = found;
    birthHeight = record?.height ?? birthHeight;
    // Heights beyond a few centuries of blocks past the birth height are nonsense, not the chain.
    const chainOptions = { maxHeight: maxPlausibleHeight(birthHeight) };
    const height = tip !== null && tip <= chainOptions.maxHeight ? tip : null;
    if (meta?.kind === 'ok') {
      s.seed = meta.metadata.seed;
      genome = generateGenome(s.seed);
      s.features = genome.features;
      metadataBrainId = meta.metadata.brain;
      testSetId = meta.metadata.test ?? testSetId;
      s.brain = brainInfo(metadataBrainId, null);
    }
    s.height = height ?? config.fallbackHeight;
    setOffline(height === null);
    const [r, fee] = await Promise.all([pickBrain(safeStorage.get(storeKey)), offline ? null : feeRate(s.height)]);
    s.feeRate = fee && fee.rate;
    if (brain.model) refresh(); // the viewer plugged in a brain while this one loaded: theirs wins
    else useBrain(r);
    if (meta?.kind === 'bad') toast(`This token's ${meta.message.slice(0, 160)} Using the default brain.`);
    else if (r.problem) toast(r.problem + (r.model ? ` Using ${r.source == 'child' ? 'the upgrade on chain' : 'the default brain'}.` : ''));
    else if (upgradeSearch.skipped.length && r.source != 'local') toast('An upgrade on chain could not be used: see the info panel (I).');
    else if (toastEl.textContent === LOADING) toast('');
    view.start();
    if (!still) {
      createChainWatcher({
        ...chainOptions, height, fee,
        onBlock(h, f) {
          s.height = h;
          s.feeRate = f?.rate ?? s.feeRate;
          refresh();
        },
        onStatus: (live) => setOffline(!live),
      });
    }
  }

  /** Whatever failed in start(), the artwork is drawn from its genome and says so. */
  function startFailed(e: unknown): void {
    toast('Something went wrong while starting (', e instanceof Error ? e.message : typeof e, '). The artwork runs on its genome.');
    try {
      if (!scene) refresh();
    } catch {
      brain = { id: config.brainId, model: null, problem: '', source: 'default', child: null }; // the brain itself was the trouble: draw without it
      try {
        refresh();
      } catch {} // nothing left to draw with; the message stays
    }
    view.start(); // (again, if start() got that far: it only sets a flag and wakes the loop)
  }

  start()
    .catch(startFailed)
    .finally(() => (s.ready = true));
}
