// perceptrons measure --brain FILE|ID --testset FILE|ID [--server URL] [--json]: a brain's accuracy on an inscribed
// test set, computed as the page computes it (src/nn/measure.ts), image for image.
import { decodeDataInscription, simdPlan, type Model } from '../../src/nn/index';
import { marginPoints, measureBrain, notComparable } from '../../src/nn/measure';
import { heldOutAccuracy } from '../../src/ui/info';
import { decodeTestSet, readSource, testImage } from '../testset/read';
import { defineCommand, runCommand, UsageError } from '../args';

export const command = defineCommand({
  name: 'measure',
  summary: 'measure a brain on an inscribed test set (the figure the page shows)',
  synopsis: '--brain FILE|ID --testset FILE|ID [--server URL] [--json]',
  options: {
    brain: { type: 'string', short: 'b', arg: 'FILE|ID', help: 'the brain: a data inscription file, or its inscription ID' },
    testset: { type: 'string', short: 't', arg: 'FILE|ID', help: 'the test set: its PNG file, or its inscription ID' },
    server: { type: 'string', arg: 'URL', help: 'the ord server an ID is read from (/content/<id>)', default: 'http://127.0.0.1:8080' },
    json: { type: 'boolean', help: 'print one JSON object: accuracy, correct, total, predicted (per image), classes' },
  },
  notes: 'Every neuron alive, the top class against the label; a brain whose classes are not the test set\'s is not comparable (exit 1).',
});

export function run(args: string[]): Promise<number> {
  return runCommand(command, args, async (o) => {
    if (!o.brain) throw new UsageError('--brain is required');
    if (!o.testset) throw new UsageError('--testset is required');
    return measureCommand(o.brain, o.testset, o.server, o.json ?? false);
  });
}

async function measureCommand(brainFrom: string, testFrom: string, server: string, json: boolean): Promise<number> {
  let model: Model;
  try {
    const bytes = await readSource(brainFrom, server);
    try {
      model = decodeDataInscription(Buffer.from(bytes).toString('utf8'));
    } catch (e) {
      throw new Error(`${brainFrom}: ${(e as Error).message}`);
    }
    const t = decodeTestSet(await readSource(testFrom, server), testFrom);
    const why = notComparable(model, t);
    if (why) throw new Error(`${brainFrom}: ${why}`);
    const [h, w] = model.inputShape;
    const m = measureBrain(model, t, (i) => testImage(t, i, h, w), { kernel: simdPlan });
    const claim = heldOutAccuracy(model.trainingTraits);
    if (json) console.log(JSON.stringify({ brain: model.name, testSet: testFrom, classes: t.classes, ...m, claim: claim || null }));
    else {
      console.log(`${model.name}: ${(m.accuracy * 100).toFixed(1)}% of ${m.total} held-out images (${m.correct} right, ±${marginPoints(m.accuracy, m.total).toFixed(1)} points at 95%)` +
        ` — its own claim: ${claim || 'none'}`);
    }
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}
