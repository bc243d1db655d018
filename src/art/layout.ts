// Layout maths of the portrait: where the sheet, the input image, the node columns, the labels and the caption go.
// Pure (no DOM): every length is in CSS pixels and scales linearly with the canvas, so a resize keeps the composition.

export interface Box { x: number; y: number; w: number; h: number }
export interface Column { x: number; xs: number[]; ys: number[] }
export interface Layout {
  /** the paper sheet, inset from the canvas edge by the margin */
  sheet: Box;
  /** the square where the input (the last image seen, or the first layer's receptive field) is drawn */
  input: Box;
  /** hidden columns in order, then the output column: x is the column's line, xs/ys the (jittered) node centres */
  cols: Column[];
  /** node radius: half a node's height (ellipses are 1.25 r wide) */
  r: number;
  /** vertical distance between neighbouring nodes of a column */
  pitch: number;
  /** output label font size; labels start at output x + 2 r */
  label: number;
  /** caption font size and its box at the foot of the sheet */
  cap: number;
  caption: Box;
}

/** Widest node of any shape, relative to r (the Theano ellipse). */
export const NODE_W = 1.25;

/** Layers wider than `most` are drawn as groups of `size` neurons (the original's "scale 1:N"). units >= 1: the brain's
 * decoder and the genome guarantee it. */
export const grouping = (units: number, most = 24): { count: number; size: number } => {
  const size = Math.ceil(units / most);
  return { count: Math.ceil(units / size), size };
};

export interface LayoutOptions {
  /** sheet inset, fraction of the shorter canvas side */
  margin?: number;
  /** node offset from its grid place, fraction of the node spacing, 0..0.25 */
  jitter?: number;
  /** node size multiplier */
  nodeScale?: number;
  /** room for the caption at the foot of the sheet (default true); without, the nodes take the sheet's whole height */
  caption?: boolean;
}

/** w x h: the canvas in CSS pixels (the portrait lays out only a sized canvas); counts: drawn nodes per hidden layer,
 * then the output layer's (each >= 1, from grouping); labelChars: the longest class name;
 * noise(k, j) in [0, 1): the jitter of node j of column k (seeded: a new life, a new pattern). */
export const layout = (w: number, h: number, counts: number[], labelChars: number, o: LayoutOptions = {}, noise = (k: number, j: number) => 0.5): Layout => {
  const jit = Math.min(0.25, Math.max(0, o.jitter ?? 0));
  const scale = o.nodeScale ?? 1;
  const u = Math.min(w, h);
  const m = u * (o.margin ?? 0.05);
  const sheet = { x: m, y: m, w: w - 2 * m, h: h - 2 * m };
  const pad = Math.min(sheet.w, sheet.h) * 0.07;
  const cap = Math.max(6, u * 0.014);
  const captionH = o.caption === false ? 0 : cap * 5.4; // a bold status row and up to three rows of history
  const above = o.caption === false ? pad * 0.5 : Math.max(pad * 0.5, cap * 1.6); // paper between the nodes and the caption
  // the drawing area: aw x ah from (ax, ax), the sheet being inset equally on both axes
  const ax = m + pad;
  const aw = sheet.w - 2 * pad;
  const ah = sheet.h - 1.5 * pad - above - captionH;
  const chars = Math.max(1, labelChars) * 0.6;
  const side = Math.min(ah * 0.4, aw * 0.17);
  const x0 = ax + side;
  const fit = (pitch: number) => {
    // labels: at most a quarter of the area, shrinking the font to fit the longest name
    const label = Math.min(u * 0.026, pitch * 0.8 * (1 - 2 * jit), (aw * 0.25) / (chars + 1.5));
    // neighbours may jitter towards each other by 2 jit pitch; the tallest shape (diamond) is 2.4 r high
    const r0 = Math.min(pitch * 0.32 * scale, ((1 - 2 * jit) * pitch) / 2.6, u * 0.03 * scale);
    return [pitch, label, r0, (ax + aw - label * (chars + 0.5) - 2 * r0 - x0) / counts.length];
  };
  // on a tall canvas, columns stay no taller than their spacing allows (no long thin threads): the rest is paper
  const first = fit(ah / Math.max(...counts));
  const [pitch, label, r0, d] = fit(Math.min(first[0], first[3] * 1.6));
  const cy = ax + ah / 2;
  return {
    sheet,
    input: { x: ax, y: cy - side / 2, w: side, h: side },
    cols: counts.map((n, k) => {
      const x = x0 + (k + 1) * d;
      const xs: number[] = [];
      const ys: number[] = [];
      for (let j = 0; j < n; j++) {
        const a = noise(k, j) * Math.PI * 2; // a direction and a distance, both from one noise value
        const q = noise(k + 97, j) * jit;
        xs.push(x + Math.cos(a) * q * Math.min(pitch, d) * 0.5);
        ys.push(cy + (j - (n - 1) / 2) * pitch + Math.sin(a) * q * pitch);
      }
      return { x, xs, ys };
    }),
    r: Math.min(r0, d * 0.2),
    pitch,
    label,
    cap,
    caption: { x: ax, y: ax + ah + above, w: aw, h: captionH },
  };
};
