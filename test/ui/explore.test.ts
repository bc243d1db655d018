// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { exploreView, move, neuronAt, pushes, type Neuron } from '../../src/ui/explore';
import type { Explanation } from '../../src/art/explain';
import { h } from '../../src/ui/dom';

describe('explore moves', () => {
  const widths = [10, 8, 2];
  it('Up/Down step through a layer and wrap', () => {
    expect(move({ layer: 0, index: 0 }, 'ArrowDown', widths)).toEqual({ layer: 0, index: 1 });
    expect(move({ layer: 0, index: 0 }, 'ArrowUp', widths)).toEqual({ layer: 0, index: 9 });
    expect(move({ layer: 2, index: 1 }, 'ArrowDown', widths)).toEqual({ layer: 2, index: 0 });
  });
  it('Left/Right change layer at the same relative height, and wrap', () => {
    expect(move({ layer: 0, index: 9 }, 'ArrowRight', widths)).toEqual({ layer: 1, index: 7 });
    expect(move({ layer: 1, index: 0 }, 'ArrowRight', widths)).toEqual({ layer: 2, index: 0 });
    expect(move({ layer: 1, index: 7 }, 'ArrowRight', widths)).toEqual({ layer: 2, index: 1 });
    expect(move({ layer: 2, index: 1 }, 'ArrowRight', widths)).toEqual({ layer: 0, index: 7 });
    expect(move({ layer: 0, index: 4 }, 'ArrowLeft', widths)).toEqual({ layer: 2, index: 0 });
  });
});

describe('hit test', () => {
  const ns: Neuron[] = [
    { layer: 0, index: 0, x: 100, y: 100, r: 10, alive: true },
    { layer: 0, index: 1, x: 100, y: 125, r: 10, alive: false },
  ];
  it('finds the nearest node within 1.5 radii, else nothing', () => {
    expect(neuronAt(ns, 104, 103)?.index).toBe(0);
    expect(neuronAt(ns, 100, 118)?.index).toBe(1);
    expect(neuronAt(ns, 100, 140)?.index).toBe(1);
    expect(neuronAt(ns, 100, 140.1)).toBeNull();
    expect(neuronAt(ns, 300, 300)).toBeNull();
  });
});

describe('the panel body', () => {
  const e: Explanation = {
    field: new Float32Array(2 * 2 * 3).map((_, i) => i - 5),
    activation: 0.8125,
    rank: 2,
    contributions: [{ name: 'cat', value: 0.5 }, { name: '<img src=x onerror=alert(1)>', value: -1.25 }, { name: 'dog', value: 2 }, { name: 'owl', value: 0 }],
    alive: true,
    bornAt: 801_000,
    diesAt: 807_500,
  };
  const meta = { layer: 1, index: 3, w: 2, h: 2, height: 802_000, colours: ['#0000ff', '#ffffff', '#ff0000'] as [string, string, string] };
  it('orders the pushed classes by strength, leaving out zeros', () => {
    expect(pushes(e, true).map((c) => c.name)).toEqual(['dog', 'cat']);
    expect(pushes(e, false).map((c) => c.value)).toEqual([-1.25]);
  });
  it('shows the field as a picture, the activation and rank, the classes and the life, as inert text', () => {
    const box = h('div', {}, ...exploreView(e, meta));
    const text = box.textContent!;
    expect(box.querySelector('canvas')?.getAttribute('aria-label')).toMatch(/receptive field of neuron 4/);
    expect(text).toContain('0.813 · rank 2 in its layer');
    expect(text).toContain('dog +2.00, cat +0.50');
    expect(text).toContain('<img src=x onerror=aler… −1.25'); // capped at 24 characters
    expect(box.querySelector('img')).toBeNull();
    expect(text).toContain('alive · born at block 801,000 · dies at block 807,500');
  });
  it('says when no image was seen, and when the neuron is not born yet or dead', () => {
    const none = h('div', {}, ...exploreView({ ...e, activation: null, rank: null, alive: false }, { ...meta, height: 800_000 })).textContent!;
    expect(none).toContain('no image seen yet');
    expect(none).toContain('not born yet · born at block 801,000');
    const dead = h('div', {}, ...exploreView({ ...e, alive: false }, { ...meta, height: 808_000 })).textContent!;
    expect(dead).toContain('dead · lived from block 801,000 to 807,500');
  });
});
