// The animation's frames after the first copy back only where the last frame's pulses were (src/art/portrait.ts):
// every frame must be, pixel for pixel, the frame a whole copy of the still image gives at the same time (a fresh
// portrait drawing that one time). Busy and calm mempools, every link style, the sheet's tilt at 2x, growing and
// decaying, a replay running out, and the dead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab, type Lab, type Spec } from '../../tools/gallery/lab';
import { lifeMoments } from '../../tools/gallery/moments';
import { generateGenome } from '../../src/art/traits';

const SEED = '5d'.repeat(32);
const genome = generateGenome(SEED);
const moments = lifeMoments(SEED, 840_000, genome.hidden);
const at = (label: string) => moments.find((m) => m.label.startsWith(label))!.height;
const BASE: Spec = { seed: SEED, height: at('stable'), w: 360, h: 300, brain: 'glorot', feeRate: 400, visual: { tilt: 0.02 } };
/** 40 frames of the animation, 60 a second */
const TIMES = Array.from({ length: 40 }, (_, i) => 4000 + i * 16.7);

let lab: Lab;
let hi: Lab;
beforeAll(async () => {
  lab = await openLab();
  hi = await openLab({ dpr: 2, browser: lab.browser });
});
afterAll(async () => {
  await hi?.close();
  await lab?.close();
});

/** Each frame of the sequence against a fresh portrait's frame at that time; the index of the first that differs. The
 * sequence must move (frames differ from one another) unless it is of the dead, or the comparison would prove nothing. */
async function firstDifference(l: Lab, spec: Spec, times = TIMES): Promise<number> {
  const seq = await l.page.evaluate(([s, ts]) => window.portraitLab.sequence(s, ts), [spec, times] as const);
  expect(new Set(seq).size > 1, 'the frames move').toBe(spec.height !== at('dead'));
  for (const [i, t] of times.entries()) {
    // a replay started at the same time: as long before t as t is after the sequence's start, and replayAgo more
    const one = spec.replayAgo === undefined ? spec : { ...spec, replayAgo: spec.replayAgo + t - times[0] };
    const fresh = await l.page.evaluate(([s, ts]) => window.portraitLab.sequence(s, ts)[0], [one, [t] as number[]] as const);
    if (fresh !== seq[i]) return i;
  }
  return -1;
}

describe('frames of pulses alone', () => {
  for (const links of ['curved', 'straight', 'stepped'] as const)
    it(`match whole copies: ${links} links, a busy mempool, tilted`, async () => {
      expect(await firstDifference(lab, { ...BASE, visual: { ...BASE.visual, links } })).toBe(-1);
    });

  it('match at 2x, calm, growing and decaying', async () => {
    expect(await firstDifference(hi, { ...BASE, feeRate: null })).toBe(-1);
    expect(await firstDifference(lab, { ...BASE, height: at('growing') })).toBe(-1);
    expect(await firstDifference(lab, { ...BASE, height: at('decaying') })).toBe(-1);
  });

  it('match through the end of a replay and for the dead', async () => {
    // the replay (4 columns: about 5.2 s) ends and fades 800 ms later: frames across its end
    const times = Array.from({ length: 30 }, (_, i) => 9000 + i * 50);
    expect(await firstDifference(lab, { ...BASE, input: true, replayAgo: 4000 }, times)).toBe(-1);
    expect(await firstDifference(lab, { ...BASE, height: at('dead') }, TIMES.slice(0, 5))).toBe(-1);
  });
});
