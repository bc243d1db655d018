// Colour palettes: the colours of each palette a genome can name (traits.ts draws the name, with its rarity). The paper
// names Sky, Liminality, Liminal Space, Lucid Dream and Parallel; eight more complete the set. Every colour is '#rrggbb'.
// nodes is a gradient across the layers, input side first (2-4 stops).
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

/** Every palette's colours, in the order of traits.ts's PALETTES. */
export const PALETTE_COLOURS: readonly Palette[] = [
  // a clear morning: pale blue sheet, navy ink, day blue warming to a low sun
  {
    name: 'Sky',
    background: '#bcd6ea', paper: '#f3f8fc', ink: '#1c2d4a',
    nodes: ['#6fb0e3', '#3f7fce', '#ec8a5e'],
    positive: '#3f7fce', negative: '#e07a64', accent: '#e8902a',
  },
  // dusk, the hour between: mauve greys, lavender into peach
  {
    name: 'Liminality',
    background: '#2d2838', paper: '#ebe5ee', ink: '#2d2838',
    nodes: ['#8a7cc4', '#b87aa8', '#d8936b'],
    positive: '#6e60aa', negative: '#c97460', accent: '#cc8a1f',
  },
  // an empty corridor under fluorescent light: jaundiced beige, olive, one teal exit sign
  {
    name: 'Liminal Space',
    background: '#cfc48e', paper: '#eee5bb', ink: '#4a4327',
    nodes: ['#b9a043', '#a4974f', '#6d7858'],
    positive: '#4f5a3a', negative: '#c0583e', accent: '#2f7a7d',
  },
  // neon in the dark of sleep: turquoise, violet, pink on indigo
  {
    name: 'Lucid Dream',
    background: '#110f2b', paper: '#1c1944', ink: '#e8e4ff',
    nodes: ['#4fe0d2', '#8c7bff', '#ff6fb4'],
    positive: '#4fe0d2', negative: '#ff6fb4', accent: '#ffe06a',
  },
  // two worlds side by side: deep teal against burnt orange
  {
    name: 'Parallel',
    background: '#0f3a3e', paper: '#f3eee4', ink: '#10292c',
    nodes: ['#0f7d82', '#dc9126', '#d65a2c'],
    positive: '#0f7d82', negative: '#d65a2c', accent: '#dc9126',
  },
  // an engineer's drawing: white lines on cyan-blue
  {
    name: 'Blueprint',
    background: '#0a2948', paper: '#133c66', ink: '#d7e7f6',
    nodes: ['#a6d0f2', '#ffffff'],
    positive: '#a6d0f2', negative: '#f2a65a', accent: '#ffd166',
  },
  // 1950s punched card: manila, brown ink, rust and slate
  {
    name: 'Punch Card',
    background: '#c9b68d', paper: '#efe3c2', ink: '#3b2f23',
    nodes: ['#b5533c', '#7b8a5b', '#2f4c5b'],
    positive: '#2f4c5b', negative: '#b5533c', accent: '#c98f2a',
  },
  // sumi ink on rice paper, with a red seal
  {
    name: 'Ink Wash',
    background: '#d8d3c8', paper: '#f3f0e9', ink: '#1c1c1c',
    nodes: ['#95928a', '#44433f', '#121212'],
    positive: '#2b2b2b', negative: '#a6a196', accent: '#b8322a',
  },
  // cherry blossom: blush paper, rose to plum, a misty blue counterpoint
  {
    name: 'Sakura',
    background: '#ecd3d6', paper: '#fbf1f1', ink: '#4a2c3a',
    nodes: ['#eb9aad', '#d9708f', '#7a2e4d'],
    positive: '#d9708f', negative: '#6b8fa3', accent: '#d08a3a',
  },
  // a green CRT terminal with an amber warning
  {
    name: 'Phosphor',
    background: '#040905', paper: '#0a140c', ink: '#7dff9a',
    nodes: ['#1f7a3a', '#39d36a', '#b6ffc6'],
    positive: '#39d36a', negative: '#ffb000', accent: '#e9fff0',
  },
  // polar night: green curtains into violet, a pink flare
  {
    name: 'Aurora',
    background: '#06121e', paper: '#0b1d2e', ink: '#cfe8f0',
    nodes: ['#3ae6a0', '#2fb6d6', '#9b6cf0'],
    positive: '#3ae6a0', negative: '#9b6cf0', accent: '#f25f8a',
  },
  // Bitcoin orange on cream, charcoal ink
  {
    name: 'Orange Pill',
    background: '#1a1a1a', paper: '#fbf6ee', ink: '#1a1a1a',
    nodes: ['#f7931a', '#c4561e', '#3a2a1f'],
    positive: '#f7931a', negative: '#6b6b6b', accent: '#2d6a8f',
  },
  // gilded on black lacquer
  {
    name: 'Gold Leaf',
    background: '#0d0c0a', paper: '#1a1814', ink: '#eadba8',
    nodes: ['#8c6d2c', '#c9a24a', '#f4e2a1'],
    positive: '#c9a24a', negative: '#6f7f8f', accent: '#fff1c1',
  },
];

/** The colours of the palette a genome names (genome.palette). */
export function paletteNamed(name: string): Palette {
  const palette = PALETTE_COLOURS.find((p) => p.name === name);
  if (!palette) throw new Error(`no palette named ${JSON.stringify(name)}`);
  return palette;
}

/** The node colour at t in (0, 1] along the palette's layer gradient (2 stops or more), as '#rrggbb'. */
export function gradientAt(stops: readonly string[], t: number): string {
  const x = t * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = parseInt(stops[i].slice(1), 16), b = parseInt(stops[i + 1].slice(1), 16);
  let out = 0;
  for (let s = 16; s >= 0; s -= 8) {
    const ca = (a >> s) & 255, cb = (b >> s) & 255;
    out |= Math.round(ca + (cb - ca) * f) << s;
  }
  return '#' + out.toString(16).padStart(6, '0');
}
