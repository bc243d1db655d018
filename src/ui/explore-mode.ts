// Explore mode, the shell around explore.ts: which neuron is being asked, the portrait's highlight, and the panel.
// E enters (at the first neuron), arrows move (an open panel follows), Enter opens the panel, Escape closes the panel
// and then leaves; a tap or click on a neuron opens its panel directly.
import type { Explanation } from '../art/explain';
import type { Overlay } from './overlay';
import { exploreView, move, neuronAt, type ExploreMeta, type Neuron } from './explore';

export interface ExplorerDeps {
  overlay: Overlay;
  /** the portrait's highlight */
  focus(n: { layer: number; index: number } | null): void;
  neurons(): Neuron[];
  /** throws when there is no brain to ask */
  explain(layer: number, index: number): Explanation;
  /** the field picture's size and colours, the height now */
  meta(): Omit<ExploreMeta, 'layer' | 'index'>;
  /** tell the viewer something (no brain, no neurons) */
  say(msg: string): void;
}

export interface Explorer {
  readonly active: boolean;
  enter(): void;
  move(key: string): void;
  open(): void;
  /** Escape: close the neuron panel if it is open (and leave, when a tap opened it), else leave explore mode; false
   * when it is not its to handle */
  back(): boolean;
  /** Leave explore mode: no neuron highlighted. */
  leave(): void;
  /** a tap or click at (x, y) CSS pixels on the canvas: true when it hit a neuron (whose panel then opens) */
  tap(x: number, y: number): boolean;
}

export const PANEL = 'neuron';

export const createExplorer = (d: ExplorerDeps): Explorer => {
  let at: { layer: number; index: number } | null = null;
  let keyboard = false; // entered with E (Escape closes the panel, then leaves), else by a tap (closing it leaves)
  const widths = () => {
    const w: number[] = [];
    for (const n of d.neurons()) w[n.layer] = n.index + 1;
    return w;
  };
  const show = () => {
    if (!at) return;
    try {
      const e = d.explain(at.layer, at.index);
      // its × does what Escape does: a panel a tap opened ends the highlight with it
      d.overlay.open(PANEL, `Neuron ${at.index + 1} of layer ${at.layer + 1}`, exploreView(e, { ...d.meta(), ...at }), () => x.back());
    } catch (err) {
      d.say((err as Error).message);
    }
  };
  const x: Explorer = {
    get active() {
      return !!at;
    },
    enter() {
      if (!widths().length) return d.say('No neurons to explore yet.');
      at = { layer: 0, index: 0 };
      keyboard = true;
      d.focus(at);
      d.say('Exploring: arrows move, Enter asks the neuron, Escape leaves.');
    },
    move(key) {
      const w = widths();
      if (!at || !w.length) return;
      if (at.layer >= w.length || at.index >= w[at.layer]) at = { layer: 0, index: 0 }; // the brain changed meanwhile
      else at = move(at, key, w);
      d.focus(at);
      if (d.overlay.current === PANEL) show();
    },
    open: show,
    back() {
      if (d.overlay.current === PANEL) {
        d.overlay.close();
        if (!keyboard) x.leave();
      } else if (at && !d.overlay.current) x.leave();
      else return false;
      return true;
    },
    leave() {
      if (!at) return;
      at = null;
      keyboard = false;
      d.focus(null);
      d.say('');
    },
    tap(px, py) {
      const n = neuronAt(d.neurons(), px, py);
      if (!n) return false;
      at = { layer: n.layer, index: n.index };
      d.focus(at);
      show();
      return true;
    },
  };
  return x;
};
