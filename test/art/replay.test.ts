// @vitest-environment jsdom
// The replay of a classification says what classify() says: the same winning class and the same probability, for a
// brain whose output layer is linear (the replay applies softmax) and for one whose output layer already is softmax
// (the replay must not apply it twice). The portrait is driven through its public interface on a canvas whose 2D
// context records what is drawn (jsdom has no canvas).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { createPortrait } from '../../src/art/portrait';
import { REPLAY_HOLD, REPLAY_STEP } from '../../src/art/motion';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { activations, classify, decodeDataInscription } from '../../src/nn/index';

const SEED = '7f3c9a2e5b1d4c8f0a6e2d9b3c5f1a7e4d8b2c6f0e9a3d5b7c1f4e8a2d6b0c9f';

/** A 2D context that accepts every call and records the text drawn. */
function recordingContext(texts: string[]): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = {
    fillText: (s: string) => texts.push(s),
    measureText: (s: string) => ({ width: s.length * 6 }),
    getTransform: () => ({}),
    createLinearGradient: () => ({ addColorStop() {} }),
    createRadialGradient: () => ({ addColorStop() {} }),
  };
  return new Proxy({} as CanvasRenderingContext2D, {
    get: (_, key) => (key in state ? state[key] : () => undefined),
    set: (_, key, value) => ((state[key] = value), true),
  });
}

const texts: string[] = [];
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    return Object.assign(recordingContext(texts), { canvas: this });
  } as never;
  globalThis.Path2D = class { moveTo() {} lineTo() {} arc() {} bezierCurveTo() {} quadraticCurveTo() {} closePath() {} rect() {} } as never;
  globalThis.ResizeObserver = class { observe() {} disconnect() {} } as never;
  globalThis.ImageData = class { data: Uint8ClampedArray; constructor(readonly width: number, readonly height: number) { this.data = new Uint8ClampedArray(width * height * 4); } } as never;
});

const png = PNG.sync.read(readFileSync('fixtures/images/nouns-0.png'));
const pixels = Uint8ClampedArray.from({ length: 32 * 32 * 3 }, (_, i) => png.data[Math.floor(i / 3) * 4 + (i % 3)]);

/** The answer a replay draws once it has reached the output, as "<class> <percent>%". */
function replayAnswer(file: string): { drawn: string; classified: string; p: number } {
  const model = decodeDataInscription(readFileSync(`fixtures/brains/${file}`, 'utf8'));
  const genome = generateGenome(SEED);
  const hidden = model.layers.slice(0, -1).map((l) => l.units);
  const life = lifeAt(genome, 840_010, 840_000, hidden, model.classes.length);
  const canvas = Object.assign(document.createElement('canvas'), { width: 480, height: 480 });
  const portrait = createPortrait(canvas);
  portrait.setScene({ genome, model, life, height: 840_010, feeRate: null, input: pixels });
  portrait.drawFrame(0);
  const [top] = classify(model, pixels, { alive: life.alive });
  portrait.replay(activations(model, pixels, { alive: life.alive }));
  texts.length = 0;
  portrait.drawFrame((model.layers.length + 2) * REPLAY_STEP + REPLAY_HOLD / 2);
  const drawn = texts.filter((s) => /^.+ \d+%$/.test(s));
  expect(drawn).toHaveLength(1);
  return { drawn: drawn[0], classified: `${top.name} ${Math.round(100 * top.p)}%`, p: top.p };
}

describe('the replay of a classification', () => {
  it('shows the probability classify() gives, for a brain with a linear output layer', () => {
    const { drawn, classified, p } = replayAnswer('pfp_classifier_0000.json');
    expect(p).toBeGreaterThan(0.6);
    expect(drawn).toBe(classified);
  });

  it('does not apply softmax a second time when the output layer already is softmax', () => {
    const { drawn, classified, p } = replayAnswer('pfp_classifier_0000_softmax.json');
    // a confident answer: a second softmax over 4 probabilities could not show more than e / (e + 3) = 48%
    expect(p).toBeGreaterThan(0.6);
    expect(drawn).toBe(classified);
  });
});
