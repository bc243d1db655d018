// The gallery's two sheets, drawn by the real portrait code in headless Chromium (the portrait lab): a contact sheet of
// tokens, each with its own trained brain, and the life-cycle strip of one token. Returned as small indexed PNGs.
import { generateGenome } from '../../src/art/traits';
import { indexedPng } from './indexed-png';
import { openLab, type Spec } from './lab';
import { lifeMoments } from './moments';

export interface Token {
  seed: string;
  hidden: number[];
  /** its data inscription */
  brain: object;
}

/** gallery.png (the tokens at block `height`) and lifecycle.png (stripToken's life from birth height 840000). */
export async function renderGallery(tokens: Token[], tile: number, height: number, stripToken: Token): Promise<{ name: string; png: Buffer }[]> {
  const count = tokens.length;
  const lab = await openLab({ dpr: 2 });
  try {
    const urls: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < count; i++) {
      const { seed, brain } = tokens[i];
      const g = generateGenome(seed);
      // every third tile has just classified an image: the replay of its activations is on
      const spec: Spec = { seed, height, w: tile, h: tile, brain, feeRate: 8 + (i % 5) * 20, t: 4000 + i * 137, input: i % 3 === 2, replayAgo: i % 3 === 2 ? 1800 : undefined };
      urls.push(await lab.page.evaluate((s) => window.portraitLab.render(s), spec));
      labels.push(`${g.features.Palette} · ${g.features.Framework} · ${g.features.Dataset} · ${g.features['Paper Pattern']}`);
    }
    const gallery = await lab.page.evaluate(([u, l, c, t]) => window.portraitLab.sheet(u, l, c, t), [urls, labels, Math.min(6, count), tile] as const);
    const { seed: stripSeed, brain, hidden } = stripToken;
    const moments = lifeMoments(stripSeed, 840_000, hidden);
    const strip: string[] = [];
    for (const m of moments) {
      const spec: Spec = { seed: stripSeed, height: m.height, w: tile, h: tile, brain, feeRate: 25, t: 5000 };
      strip.push(await lab.page.evaluate((s) => window.portraitLab.render(s), spec));
    }
    const life = await lab.page.evaluate(([u, l, c, t]) => window.portraitLab.sheet(u, l, c, t), [strip, moments.map((m) => m.label), 5, tile] as const);
    return [['gallery.png', gallery], ['lifecycle.png', life]].map(([name, url]) => ({ name, png: indexedPng(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')) }));
  } finally {
    await lab.close();
  }
}
