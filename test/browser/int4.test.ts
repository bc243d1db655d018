// The page with an int4 data inscription as its brain, in real Chromium through the preview server: it loads the
// half-byte brain and classifies a dropped image exactly as Node's engine does with the same brain and life mask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, decodeDataInscription, parameterCount } from '../../src/nn/index';
import { generateGenome } from '../../src/art/traits';
import { lifeAt } from '../../src/art/life';
import { readPerceptron, ROOT, type Framed } from './harness';
import { classifiable } from './ui-images';
import { closePage, give, openPage, seen, type Setup, waitPanel } from './ui-setup';

const BRAIN = join(ROOT, 'fixtures/brains/pfp_classifier_0000_int4.json');
const model = decodeDataInscription(readFileSync(BRAIN, 'utf8'));
const images = classifiable().slice(0, 1); // one: a second drop could read the first one's result panel
let env: Setup;
let f: Framed;

// some neurons dead: the mask matters too
beforeAll(async () => {
  ({ env, f } = await openPage(images, { stage: 'partial', brain: BRAIN }));
});
afterAll(() => closePage(env, f));

describe('an int4 brain in the page', () => {
  it('loads as the default brain and classifies the same as Node', async () => {
    expect(model.dtype).toBe('int4');
    const p = (await readPerceptron(f))!;
    expect(p.brain).toEqual({ id: env.ids.default, name: model.name, classes: model.classes, parameters: parameterCount(model) });
    for (const img of images) {
      await give(f.frame, img);
      await waitPanel(f.frame, 'result');
      const q = (await readPerceptron(f))!, { input, birthHeight } = await seen(f.frame);
      const life = lifeAt(generateGenome(q.seed), q.height, birthHeight, model.layers.slice(0, -1).map((l) => l.units), model.classes.length,
        model.trainingTraits.neuron_order as number[][]);
      const want = classify(model, Uint8ClampedArray.from(input!.pixels), { alive: life.alive });
      expect(q.prediction!.classes.map((c) => c.name), img.name).toEqual(want.map((c) => c.name));
      for (const [k, c] of q.prediction!.classes.entries()) expect(Math.abs(c.p - want[k].p), img.name).toBeLessThan(1e-4);
    }
    expect(await f.problems()).toEqual([]);
  });
});
