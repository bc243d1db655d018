// Ask a neuron: the explore mode's moves (arrows between layers and neurons), which drawn neuron a tap hits, and the
// panel that says what the neuron does (explain.ts). Builders from data to DOM; no page state here.
import { fieldPixels, type Explanation } from '../art/explain';
import type { DrawnNeuron } from '../art/portrait';
import { h, cap, type Child } from './dom';

/** A hidden neuron as the portrait draws it (its node's centre and radius in CSS pixels). */
export type Neuron = DrawnNeuron;

/** The neuron an arrow key moves to from (layer, index) in hidden layers of `widths`: Left/Right change layer (to the
 * neuron at the same height, proportionally), Up/Down the neuron, both wrapping around. */
export const move = (at: { layer: number; index: number }, key: string, widths: number[]): { layer: number; index: number } => {
  const L = widths.length;
  let { layer, index } = at;
  if (key === 'ArrowUp' || key === 'ArrowDown') index = (index + (key === 'ArrowUp' ? -1 : 1) + widths[layer]) % widths[layer];
  else {
    const to = (layer + (key === 'ArrowLeft' ? -1 : 1) + L) % L;
    index = Math.min(widths[to] - 1, Math.floor(((index + 0.5) * widths[to]) / widths[layer]));
    layer = to;
  }
  return { layer, index };
};

/** The neuron drawn under (x, y) (CSS pixels), within 1.5 node radii; the nearest if several; null if none. */
export const neuronAt = (ns: readonly Neuron[], x: number, y: number): Neuron | null => {
  let best: Neuron | null = null, d = Infinity;
  for (const n of ns) {
    const e = Math.hypot(n.x - x, n.y - y);
    if (e <= n.r * 1.5 && e < d) {
      best = n;
      d = e;
    }
  }
  return best;
};

const sign = (v: number) => (v < 0 ? '−' : '+') + Math.abs(v).toFixed(2);
const blocks = (n: number) => n.toLocaleString('en');

/** The classes a neuron pushes the most, up (value > 0) or down, strongest first (at most 3). */
export const pushes = (e: Explanation, up: boolean): { name: string; value: number }[] =>
  e.contributions.filter((c) => (up ? c.value > 0 : c.value < 0)).sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 3);

export interface ExploreMeta {
  layer: number;
  index: number;
  /** the input's width and height (the field's picture) */
  w: number;
  h: number;
  height: number;
  /** '#rrggbb' of the diverging scale: negative, middle, positive */
  colours: [string, string, string];
}

/** The panel's body: the field as a picture, activation and rank, the classes pushed up and down, its life. */
export const exploreView = (e: Explanation, m: ExploreMeta): Child[] => {
  const [neg, mid, pos] = m.colours.map((c) => parseInt(c.slice(1), 16));
  const pic = h('canvas', { width: '' + m.w, height: '' + m.h, class: 'th', role: 'img',
    'aria-label': `receptive field of neuron ${m.index + 1}: what raises it, what lowers it` });
  pic.getContext('2d')?.putImageData(new ImageData(fieldPixels(e.field, m.w, m.h, neg, mid, pos), m.w, m.h), 0, 0);
  const key = h('p', { class: 'key' }, h('b', { style: 'color:' + m.colours[2] }, '■'), ' raises it · ', h('b', { style: 'color:' + m.colours[0] }, '■'), ' lowers it');
  const list = (up: boolean) => pushes(e, up).map((c) => `${cap(c.name, 24)} ${sign(c.value)}`).join(', ') || 'none';
  const life = e.alive ? `alive · born at block ${blocks(e.bornAt)} · dies at block ${blocks(e.diesAt)}`
    : m.height < e.bornAt ? `not born yet · born at block ${blocks(e.bornAt)} · dies at block ${blocks(e.diesAt)}`
    : `dead · lived from block ${blocks(e.bornAt)} to ${blocks(e.diesAt)}`;
  const rows: [string, string][] = [
    ['Activation', e.activation === null ? 'no image seen yet (drop one)' : `${e.activation.toFixed(3)} · rank ${e.rank} in its layer`],
    ['Pushes up', list(true)],
    ['Pushes down', list(false)],
    ['Life', life],
  ];
  return [h('div', { class: 'res' }, pic, key), h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))];
};
