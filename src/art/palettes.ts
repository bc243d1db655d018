// Colour palettes. The paper names Sky, Liminality, Liminal Space, Lucid Dream and Parallel; eight more complete the set.
// Every colour is '#rrggbb'. nodes is a gradient across the layers, input side first (2-4 stops).
export interface Palette {
  name: string;
  background: string; // around the sheet
  paper: string; // the sheet the network is drawn on
  ink: string; // text, paper pattern, outlines
  nodes: string[]; // layer gradient, input -> output
  positive: string; // connections carrying a positive weight
  negative: string; // connections carrying a negative weight
  accent: string; // pulses, highlights, the winning class
}

const p = (name: string, background: string, paper: string, ink: string, nodes: string[], positive: string, negative: string, accent: string): Palette =>
  ({ name, background, paper, ink, nodes, positive, negative, accent });

/** [palette, rarity in %] (sums to 100). */
export const PALETTES: readonly (readonly [Palette, number])[] = [
  // a clear morning: pale blue sheet, navy ink, day blue warming to a low sun
  [p('Sky', '#bcd6ea', '#f3f8fc', '#1c2d4a', ['#6fb0e3', '#3f7fce', '#ec8a5e'], '#3f7fce', '#e07a64', '#e8902a'), 12],
  // dusk, the hour between: mauve greys, lavender into peach
  [p('Liminality', '#2d2838', '#ebe5ee', '#2d2838', ['#8a7cc4', '#b87aa8', '#d8936b'], '#6e60aa', '#c97460', '#cc8a1f'), 10],
  // an empty corridor under fluorescent light: jaundiced beige, olive, one teal exit sign
  [p('Liminal Space', '#cfc48e', '#eee5bb', '#4a4327', ['#b9a043', '#a4974f', '#6d7858'], '#4f5a3a', '#c0583e', '#2f7a7d'), 8],
  // neon in the dark of sleep: turquoise, violet, pink on indigo
  [p('Lucid Dream', '#110f2b', '#1c1944', '#e8e4ff', ['#4fe0d2', '#8c7bff', '#ff6fb4'], '#4fe0d2', '#ff6fb4', '#ffe06a'), 6],
  // two worlds side by side: deep teal against burnt orange
  [p('Parallel', '#0f3a3e', '#f3eee4', '#10292c', ['#0f7d82', '#dc9126', '#d65a2c'], '#0f7d82', '#d65a2c', '#dc9126'), 9],
  // an engineer's drawing: white lines on cyan-blue
  [p('Blueprint', '#0a2948', '#133c66', '#d7e7f6', ['#a6d0f2', '#ffffff'], '#a6d0f2', '#f2a65a', '#ffd166'), 10],
  // 1950s punched card: manila, brown ink, rust and slate
  [p('Punch Card', '#c9b68d', '#efe3c2', '#3b2f23', ['#b5533c', '#7b8a5b', '#2f4c5b'], '#2f4c5b', '#b5533c', '#c98f2a'), 9],
  // sumi ink on rice paper, with a red seal
  [p('Ink Wash', '#d8d3c8', '#f3f0e9', '#1c1c1c', ['#95928a', '#44433f', '#121212'], '#2b2b2b', '#a6a196', '#b8322a'), 10],
  // cherry blossom: blush paper, rose to plum, a misty blue counterpoint
  [p('Sakura', '#ecd3d6', '#fbf1f1', '#4a2c3a', ['#eb9aad', '#d9708f', '#7a2e4d'], '#d9708f', '#6b8fa3', '#d08a3a'), 8],
  // a green CRT terminal with an amber warning
  [p('Phosphor', '#040905', '#0a140c', '#7dff9a', ['#1f7a3a', '#39d36a', '#b6ffc6'], '#39d36a', '#ffb000', '#e9fff0'), 6],
  // polar night: green curtains into violet, a pink flare
  [p('Aurora', '#06121e', '#0b1d2e', '#cfe8f0', ['#3ae6a0', '#2fb6d6', '#9b6cf0'], '#3ae6a0', '#9b6cf0', '#f25f8a'), 5],
  // Bitcoin orange on cream, charcoal ink
  [p('Orange Pill', '#1a1a1a', '#fbf6ee', '#1a1a1a', ['#f7931a', '#c4561e', '#3a2a1f'], '#f7931a', '#6b6b6b', '#2d6a8f'), 4],
  // gilded on black lacquer
  [p('Gold Leaf', '#0d0c0a', '#1a1814', '#eadba8', ['#8c6d2c', '#c9a24a', '#f4e2a1'], '#c9a24a', '#6f7f8f', '#fff1c1'), 3],
];

/** The node colour at t in [0, 1] along the palette's layer gradient, as '#rrggbb'. */
export function gradientAt(stops: readonly string[], t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  if (i < 0) return stops[0];
  const f = x - i;
  const a = parseInt(stops[i].slice(1), 16), b = parseInt(stops[i + 1].slice(1), 16);
  let out = 0;
  for (let s = 16; s >= 0; s -= 8) {
    const ca = (a >> s) & 255, cb = (b >> s) & 255;
    out |= Math.round(ca + (cb - ca) * f) << s;
  }
  return '#' + out.toString(16).padStart(6, '0');
}
