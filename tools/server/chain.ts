// A simulated Bitcoin chain for the preview server: a tip the viewer moves (or lets run at N blocks a second) and
// deterministic, plausible block data for every height up to it, in ord's recursive-endpoint shapes.
import { createHash } from 'node:crypto';

const ANCHOR_HEIGHT = 840_000; // the 2024 halving block, ord's documented example
const ANCHOR_TIME = 1_713_571_767;
const HALVING = 210_000;
const BITS = 386_089_497; // 0x17034219, block 840000's
const TARGET = '0000000000000000000342190000000000000000000000000000000000000000';
const DIFFICULTY = 86_388_558_925_171.02;
const WORK_PER_BLOCK = 2n ** 32n * 86_388_558_925_171n;
export const MAX_HEIGHT = 0xffffffff;

const digest = (label: string, h: number): Buffer => createHash('sha256').update(`perceptrons-preview:${label}:${h}`).digest();
/** A deterministic number in [0, 1) for (label, height). */
const unit = (label: string, h: number): number => digest(label, h).readUInt32BE(0) / 2 ** 32;

/** Hashes carry their height (after 16 zero digits, like real proof of work) so /r/blockinfo/<hash> can be answered. */
export function blockHash(h: number): string {
  return '0'.repeat(16) + h.toString(16).padStart(8, '0') + digest('hash', h).toString('hex').slice(0, 40);
}

export function heightOfHash(hash: string): number | null {
  const m = /^0{16}([0-9a-f]{8})[0-9a-f]{40}$/.exec(hash);
  if (!m) return null;
  const h = parseInt(m[1], 16);
  return blockHash(h) === hash ? h : null;
}

/** Ten minutes a block around the anchor, ±4 minutes of wobble: strictly increasing. */
export function blockTime(h: number): number {
  return ANCHOR_TIME + (h - ANCHOR_HEIGHT) * 600 + Math.round((unit('time', h) - 0.5) * 480);
}

export interface ChainSettings {
  height: number;
  fee: number;
  blocksPerSecond: number;
  playing: boolean;
}

export interface SimChain {
  tip(): number;
  settings(): ChainSettings;
  update(s: Partial<ChainSettings>): ChainSettings;
  /** Average fee rate of block h (sat/vB): the set fee near the tip, deterministic variation further back. */
  feeRateAt(h: number): number;
  blockInfo(h: number): Record<string, unknown>;
}

export function createSimChain(init: ChainSettings, now: () => number = Date.now): SimChain {
  let base = init.height;
  let since = now();
  let { fee, blocksPerSecond, playing } = init;
  const tip = (): number =>
    playing ? Math.min(MAX_HEIGHT, base + Math.floor(((now() - since) * blocksPerSecond) / 1000)) : base;
  const settings = (): ChainSettings => ({ height: tip(), fee, blocksPerSecond, playing });

  function update(s: Partial<ChainSettings>): ChainSettings {
    check(s);
    base = s.height ?? tip(); // re-anchor so a change of speed or pause keeps the current height
    since = now();
    fee = s.fee ?? fee;
    blocksPerSecond = s.blocksPerSecond ?? blocksPerSecond;
    playing = s.playing ?? playing;
    return settings();
  }

  function feeRateAt(h: number): number {
    if (tip() - h < 6) return Math.round(fee); // the last hour of blocks: what the viewer set
    return Math.round(fee * (0.6 + 0.8 * unit('fee', h)));
  }

  function blockInfo(h: number): Record<string, unknown> {
    const t = tip();
    const rate = feeRateAt(h);
    const floor = rate > 0 ? 1 : 0;
    const pct = [0.45, 0.65, 0.9, 1.3, 2.2].map((k) => Math.max(floor, Math.round(rate * k)));
    const txs = 1500 + Math.floor(2500 * unit('txs', h));
    const weight = 3_990_000 + Math.floor(9_000 * unit('weight', h));
    const size = Math.floor(weight / (2.2 + 0.6 * unit('size', h)));
    const avgVsize = Math.round(weight / 4 / txs);
    const averageFee = rate * avgVsize;
    const times = Array.from({ length: Math.min(11, h + 1) }, (_, i) => blockTime(h - i)).sort((a, b) => a - b);
    const era = Math.floor(h / HALVING);
    // Keys in ord's order (alphabetical); integer fields stay integers.
    return {
      average_fee: averageFee,
      average_fee_rate: rate,
      bits: BITS,
      chainwork: (WORK_PER_BLOCK * BigInt(h + 1)).toString(16).padStart(64, '0'),
      confirmations: t - h + 1,
      difficulty: DIFFICULTY,
      feerate_percentiles: pct,
      hash: blockHash(h),
      height: h,
      max_fee: rate * 40 * 5_000,
      max_fee_rate: rate * 40 + 100,
      max_tx_size: 60_000 + Math.floor(100_000 * unit('maxtx', h)),
      median_fee: pct[2] * 141,
      median_time: times[times.length >> 1],
      merkle_root: digest('merkle', h).toString('hex'),
      min_fee: floor * 110,
      min_fee_rate: floor,
      next_block: h < t ? blockHash(h + 1) : null,
      nonce: digest('nonce', h).readUInt32BE(0),
      previous_block: h > 0 ? blockHash(h - 1) : null,
      subsidy: era < 33 ? Math.floor(5_000_000_000 / 2 ** era) : 0,
      target: TARGET,
      timestamp: blockTime(h),
      total_fee: averageFee * (txs - 1),
      total_size: size,
      total_weight: weight,
      transaction_count: txs,
      version: 0x20000000 + (digest('version', h).readUInt16BE(0) << 13),
    };
  }

  check(init);
  return { tip, settings, update, feeRateAt, blockInfo };
}

function check(s: Partial<ChainSettings>): void {
  const bad = (what: string, v: unknown) => new RangeError(`${what} must be ${v}`);
  if (s.height !== undefined && !(Number.isSafeInteger(s.height) && s.height >= 0 && s.height <= MAX_HEIGHT)) {
    throw bad('height', `an integer from 0 to ${MAX_HEIGHT} (got ${s.height})`);
  }
  if (s.fee !== undefined && !(Number.isFinite(s.fee) && s.fee >= 0 && s.fee <= 1_000_000)) {
    throw bad('fee', `a rate from 0 to 1000000 sat/vB (got ${s.fee})`);
  }
  if (s.blocksPerSecond !== undefined && !(Number.isFinite(s.blocksPerSecond) && s.blocksPerSecond > 0 && s.blocksPerSecond <= 100_000)) {
    throw bad('blocks per second', `a number above 0 and at most 100000 (got ${s.blocksPerSecond})`);
  }
  if (s.playing !== undefined && typeof s.playing !== 'boolean') throw bad('playing', 'true or false');
}
