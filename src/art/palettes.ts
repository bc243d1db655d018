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

/** Rows "name:colours:rarity in %" joined by '|' (rarities sum to 100). Colours: 6 hex digits each, in the order
 * background, paper, ink, positive, negative, accent, then the 2-4 node stops (packed: a third of the bytes of '#...' lists). */
const ROWS =
  // a clear morning: pale blue sheet, navy ink, day blue warming to a low sun
  'Sky:bcd6eaf3f8fc1c2d4a3f7fcee07a64e8902a6fb0e33f7fceec8a5e:12' +
  // dusk, the hour between: mauve greys, lavender into peach
  '|Liminality:2d2838ebe5ee2d28386e60aac97460cc8a1f8a7cc4b87aa8d8936b:10' +
  // an empty corridor under fluorescent light: jaundiced beige, olive, one teal exit sign
  '|Liminal Space:cfc48eeee5bb4a43274f5a3ac0583e2f7a7db9a043a4974f6d7858:8' +
  // neon in the dark of sleep: turquoise, violet, pink on indigo
  '|Lucid Dream:110f2b1c1944e8e4ff4fe0d2ff6fb4ffe06a4fe0d28c7bffff6fb4:6' +
  // two worlds side by side: deep teal against burnt orange
  '|Parallel:0f3a3ef3eee410292c0f7d82d65a2cdc91260f7d82dc9126d65a2c:9' +
  // an engineer's drawing: white lines on cyan-blue
  '|Blueprint:0a2948133c66d7e7f6a6d0f2f2a65affd166a6d0f2ffffff:10' +
  // 1950s punched card: manila, brown ink, rust and slate
  '|Punch Card:c9b68defe3c23b2f232f4c5bb5533cc98f2ab5533c7b8a5b2f4c5b:9' +
  // sumi ink on rice paper, with a red seal
  '|Ink Wash:d8d3c8f3f0e91c1c1c2b2b2ba6a196b8322a95928a44433f121212:10' +
  // cherry blossom: blush paper, rose to plum, a misty blue counterpoint
  '|Sakura:ecd3d6fbf1f14a2c3ad9708f6b8fa3d08a3aeb9aadd9708f7a2e4d:8' +
  // a green CRT terminal with an amber warning
  '|Phosphor:0409050a140c7dff9a39d36affb000e9fff01f7a3a39d36ab6ffc6:6' +
  // polar night: green curtains into violet, a pink flare
  '|Aurora:06121e0b1d2ecfe8f03ae6a09b6cf0f25f8a3ae6a02fb6d69b6cf0:5' +
  // Bitcoin orange on cream, charcoal ink
  '|Orange Pill:1a1a1afbf6ee1a1a1af7931a6b6b6b2d6a8ff7931ac4561e3a2a1f:4' +
  // gilded on black lacquer
  '|Gold Leaf:0d0c0a1a1814eadba8c9a24a6f7f8ffff1c18c6d2cc9a24af4e2a1:3';

/** [palette, rarity in %] (sums to 100). */
export const PALETTES: readonly (readonly [Palette, number])[] = ROWS.split('|').map((row) => {
  const [name, colours, weight] = row.split(':');
  const [background, paper, ink, positive, negative, accent, ...nodes] = colours.match(/.{6}/g)!.map((c) => '#' + c);
  return [{ name, background, paper, ink, nodes, positive, negative, accent }, +weight];
});

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
