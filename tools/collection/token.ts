// A collection token is an inscription with no body of its own: it delegates its content to the art (ord's tag 11),
// names the collection's parent (tag 3) and carries CBOR metadata (tag 5) { name, seed, brain, accuracy, test }, which the art
// reads from /r/metadata/<own id>. Before it is inscribed its ID is the preview server's: sha256 of those envelope
// fields, serialised as ord pushes them, + "i0".
import { createHash } from 'node:crypto';
import { encodeCbor, type Metadata } from './cbor';

export interface TokenMetadata extends Record<string, Metadata> {
  name: string;
  seed: string;
  brain: string;
  /** held-out accuracy at full life, percent with two decimals */
  accuracy: number;
  // and `test`, when the collection has a test set (docs/format.md#the-test-set): its ID, which the page measures on
}

export function tokenMetadata(index: number, seed: string, brainId: string, heldoutAccuracy: number, testSetId?: string | null): TokenMetadata {
  const metadata: TokenMetadata = { name: `Perceptron #${index}`, seed, brain: brainId, accuracy: Math.round(heldoutAccuracy * 10000) / 100 };
  return testSetId ? { ...metadata, test: testSetId } : metadata;
}

/** ord's InscriptionId as a tag value: the txid's 32 bytes reversed, then the index little-endian without trailing zeros. */
export function idBytes(id: string): Buffer {
  const m = /^([0-9a-f]{64})i(\d+)$/.exec(id);
  if (!m) throw new Error(`not an inscription ID: ${id}`);
  const index = Buffer.alloc(4);
  index.writeUInt32LE(Number(m[2]));
  let end = 4;
  while (end > 0 && index[end - 1] === 0) end--;
  return Buffer.concat([Buffer.from(m[1], 'hex').reverse(), index.subarray(0, end)]);
}

export interface TokenEnvelope {
  parent: string | null;
  delegate: string;
  metadata: Metadata;
}

/** The envelope's tag fields in ord's order (parent 3, metadata 5, delegate 11): what the preview ID hashes. */
export function envelopeBytes(t: TokenEnvelope): Buffer {
  const field = (tag: number, value: Uint8Array) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(value.length);
    return Buffer.concat([Buffer.from([tag]), len, value]);
  };
  return Buffer.concat([
    ...(t.parent ? [field(3, idBytes(t.parent))] : []),
    field(5, encodeCbor(t.metadata)),
    field(11, idBytes(t.delegate)),
  ]);
}

export const tokenPreviewId = (t: TokenEnvelope): string => createHash('sha256').update(envelopeBytes(t)).digest('hex') + 'i0';
