// What the ord properties (a title and traits on every token, tag 17) add to a collection's bytes and fees, from the
// genomes alone (no training: a token's properties need its genome and its held-out accuracy, whose text is always
// "NN.NN%", 6 characters; "100.00%" would be one byte more). Also the gallery batches that list every token.
//   npx tsx bench/properties-cost.ts [--count 580] [--seed perceptrons] [--rate 10]
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateGenome } from '../src/art/traits';
import { tokenSeed } from '../tools/collection/token-seed';
import { planGalleries, split, type DelegateEntry } from '../tools/collection/batches';
import { encodeProperties, propertiesCbor, tokenAttributes } from '../tools/collection/properties';
import { median } from '../tools/collection/report';
import { batchFees } from '../tools/collection/run';
import { tokenMetadata } from '../tools/collection/token';

const { values: v } = parseArgs({ options: { count: { type: 'string', default: '580' }, seed: { type: 'string', default: 'perceptrons' }, rate: { type: 'string', default: '10' } } });
const count = Number(v.count), rate = Number(v.rate);
// real IDs are txids: as random as a hash
const fakeId = (s: string) => `${createHash('sha256').update(s).digest('hex')}i0`;
const ACCURACY = 0.9755;

const withProps: DelegateEntry[] = [], bare: DelegateEntry[] = [], sizes: number[] = [], plain: number[] = [];
let brotlied = 0;
for (let i = 0; i < count; i++) {
  const g = generateGenome(tokenSeed(v.seed!, i));
  const metadata = tokenMetadata(i, g.seed, fakeId(`brain ${i}`), ACCURACY), attributes = tokenAttributes(i, g.features, ACCURACY);
  const p = encodeProperties(attributes)!;
  sizes.push(p.bytes.length);
  plain.push(propertiesCbor(attributes)!.length);
  if (p.encoding) brotlied++;
  withProps.push({ delegate: fakeId('art'), ...attributes, metadata });
  bare.push({ delegate: fakeId('art'), metadata });
}
const named = (list: ReturnType<typeof split>) => list.map((b, k) => ({ ...b, name: `t${k}` }));
const a = named(split('tokens', withProps, [fakeId('parent')])), b = named(split('tokens', bare, [fakeId('parent')]));
const total = sizes.reduce((x, y) => x + y, 0), fee = batchFees(a, rate) - batchFees(b, rate);
console.log(`${count} tokens (seed "${v.seed}"): properties ${Math.min(...sizes)}-${Math.max(...sizes)} bytes a token, median ${median(sizes)}, ` +
  `${total.toLocaleString('en-US')} bytes in all (+${count} at most if every accuracy were 100.00%); ${brotlied} of ${count} kept brotli'd (tag 19); ` +
  `as plain CBOR ${median(plain)} bytes a token (median), ${plain.reduce((x, y) => x + y, 0).toLocaleString('en-US')} in all`);
console.log(`token batches: ${b.length} without properties, ${a.length} with; fees at ${rate} sat/vB ${batchFees(b, rate).toLocaleString('en-US')} → ` +
  `${batchFees(a, rate).toLocaleString('en-US')} sat: +${fee.toLocaleString('en-US')} sat (${(fee / 1e8).toFixed(5)} BTC), ${(fee / count).toFixed(1)} sat a token`);
const items = withProps.map((e, i) => ({ id: fakeId(`token ${i}`), title: e.title, traits: e.traits }));
const galleries = planGalleries(items, fakeId('parent'), 0, `Perceptrons: ${count} living neural networks`).map((g) => ({ ...g, name: g.name }));
console.log(`galleries: ${galleries.length} batch(es), reveal ${galleries.map((g) => g.weight.toLocaleString('en-US')).join(', ')} WU, ` +
  `${batchFees(galleries, rate).toLocaleString('en-US')} sat at ${rate} sat/vB`);
