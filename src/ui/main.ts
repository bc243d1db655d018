// Page entry (bundled into inscription.html). Minimal first cut: canvas + state object; the rest lands next.
import { config } from './config';

const canvas =
  document.querySelector('canvas') ?? document.body.appendChild(document.createElement('canvas'));
const state = { seed: config.seed, features: {}, stage: 'stable', age: 0, life: 1, height: config.fallbackHeight,
  feeRate: null, brain: { id: config.brainId, name: '', classes: [] as string[], parameters: 0 }, prediction: null,
  ready: false };
Object.defineProperty(window, 'perceptron', { get: () => state });
void canvas;
