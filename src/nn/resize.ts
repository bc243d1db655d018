// Area-averaging resize, pure (no DOM, no Node): the CLI's classify, the dataset's smaller inputs (a box filter is the
// same thing at a whole factor) and the test-set measurement in the page and in the CLI all scale images with it, so
// they agree pixel for pixel (a browser's own resize differs: Chromium's 'high' 32→16 is off by one level in 16% of
// values).

/** For each of m output cells over n source cells: the source cells it covers and their shares (summing to 1). */
function spans(n: number, m: number): { index: number; share: number }[][] {
  const step = n / m;
  return Array.from({ length: m }, (_, o) => {
    const a = o * step, b = a + step, cells = [];
    for (let i = Math.floor(a); i < Math.min(n, Math.ceil(b)); i++) {
      const cover = Math.min(b, i + 1) - Math.max(a, i);
      if (cover > 1e-9) cells.push({ index: i, share: cover / step });
    }
    return cells;
  });
}

/**
 * Resizes RGBA (w x h) to outW x outH RGB by area averaging: each output pixel is the mean of the source area it
 * covers (fractional edges weighted), so downscaling keeps every pixel's contribution. Transparent pixels are
 * composited over `background` (grey level, default white) first.
 */
export function resizeArea(rgba: ArrayLike<number>, w: number, h: number, outW: number, outH: number, background = 255): Uint8ClampedArray {
  if (rgba.length < w * h * 4) throw new RangeError(`resizeArea: ${w}x${h} RGBA needs ${w * h * 4} values, got ${rgba.length}`);
  const xs = spans(w, outW), ys = spans(h, outH);
  const rows = new Float64Array(h * outW * 3); // horizontal pass: h rows of outW composited RGB pixels
  for (let y = 0; y < h; y++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0;
      for (const { index, share } of xs[ox]) {
        const p = (y * w + index) * 4, a = rgba[p + 3] / 255, bg = (1 - a) * background;
        r += share * (rgba[p] * a + bg);
        g += share * (rgba[p + 1] * a + bg);
        b += share * (rgba[p + 2] * a + bg);
      }
      const q = (y * outW + ox) * 3;
      rows[q] = r;
      rows[q + 1] = g;
      rows[q + 2] = b;
    }
  }
  const out = new Uint8ClampedArray(outW * outH * 3);
  for (let oy = 0; oy < outH; oy++) {
    for (let i = 0; i < outW * 3; i++) {
      let v = 0;
      for (const { index, share } of ys[oy]) v += share * rows[index * outW * 3 + i];
      out[oy * outW * 3 + i] = Math.round(v);
    }
  }
  return out;
}

/** resizeArea for opaque RGB (w x h x 3, as the dataset's images and the test set's tiles are). */
export function resizeRgb(rgb: ArrayLike<number>, w: number, h: number, outW: number, outH: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255); // opaque: resizeArea composites nothing
  for (let p = 0; p < w * h; p++) {
    rgba[p * 4] = rgb[p * 3];
    rgba[p * 4 + 1] = rgb[p * 3 + 1];
    rgba[p * 4 + 2] = rgb[p * 3 + 2];
  }
  return resizeArea(rgba, w, h, outW, outH);
}
