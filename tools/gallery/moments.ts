// The moments of a gallery: the seeds of its tiles and the block heights that show one token's whole life.
import { createHash } from 'node:crypto';
import { generateGenome } from '../../src/art/traits';
import { lifeAt, STAGE_ENDS } from '../../src/art/life';

export const gallerySeed = (i: number): string => createHash('sha256').update(`perceptrons-gallery-${i}`).digest('hex');

/** Heights that show one seed's whole life: three moments of growing, stable, three of decay, dead, rebirth, and the next life. */
export function lifeMoments(seed: string, birthHeight: number, hidden: number[]): { height: number; label: string }[] {
  const g = generateGenome(seed);
  const unit = g.lifeBlocks / 1440;
  // where the current life started, at the birth height
  const first = lifeAt(g, birthHeight, birthHeight, hidden);
  const start = birthHeight - Math.round(first.age * g.lifeBlocks) + g.lifeBlocks; // the next life, from its first block
  const at = (k: number, life = 0) => start + life * g.lifeBlocks + Math.floor(k * unit);
  const [grow, stable, decay, dead] = STAGE_ENDS;
  const moments = [
    [at(grow * 0.12), 'growing'],
    [at(grow * 0.3), 'growing'],
    [at(grow * 0.6), 'growing'],
    [at((grow + stable) / 2), 'stable'],
    [at(stable + (decay - stable) * 0.3), 'decaying'],
    [at(stable + (decay - stable) * 0.6), 'decaying'],
    [at(stable + (decay - stable) * 0.9), 'decaying'],
    [at(decay + 0.5), 'dead'],
    [at(dead + 0.5), 'rebirth'],
    [at(grow * 0.3, 1), 'growing again'],
  ] as const;
  return moments.map(([height, label]) => ({ height, label: `${label} · block ${height}` }));
}
