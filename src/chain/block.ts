// Block height and fee rate from ord's recursive endpoints, with the fallbacks older explorers need.
import { ROUTE, routePath } from './routes';
import { get, type ChainOptions } from './http';

/** The fee signal of one mined block (ord has no mempool endpoint). Rates in sat/vB. */
export interface FeeInfo {
  /** The block the figures come from (the asked height, or the one below when that 404s). */
  height: number;
  /** average_fee_rate: the one figure the animation uses (percentiles, timestamp and the rest are not read). */
  rate: number;
}

/** Blocks in a year at one block every 10 minutes. */
export const BLOCKS_PER_YEAR = 52_560;
/** A tip more than this many years of blocks past a page's birth height is nonsense, not the chain. */
export const PLAUSIBLE_YEARS = 300;
/** Block average fee rates have peaked at a few thousand sat/vB (block 840,000, the 2024 halving: 3,770); an average
 * above this is nonsense, not the chain. */
export const MAX_FEE_RATE = 10_000;

/** The highest tip a page born at birthHeight takes as real: a few centuries of blocks later. */
export const maxPlausibleHeight = (birthHeight: number): number => birthHeight + PLAUSIBLE_YEARS * BLOCKS_PER_YEAR;

export interface HeightOptions extends ChainOptions {
  /** A greater height counts as no answer (default: no limit but 10 digits). */
  maxHeight?: number;
}

/** The tip height, or null when neither endpoint answers with a plausible number (offline, file://, not an explorer). */
export async function blockHeight(opts: HeightOptions = {}): Promise<number | null> {
  for (const path of [ROUTE.rBlockheight, ROUTE.blockheight]) {
    const got = await get(path, opts, { cache: 'no-store' }), s = got.ok ? got.body.trim() : '';
    if (/^\d{1,10}$/.test(s) && +s <= (opts.maxHeight ?? Infinity)) return +s;
  }
  return null;
}

/** Reads ord's /r/blockinfo JSON; ignores unknown fields. null when the fee rate is missing, not a number, or beyond
 * MAX_FEE_RATE. */
export function parseBlockInfo(doc: unknown, askedHeight: number): FeeInfo | null {
  const d = Object(doc) as Record<string, unknown>;
  const num = (v: unknown): v is number => Number.isFinite(v) && (v as number) >= 0;
  return num(d.average_fee_rate) && d.average_fee_rate <= MAX_FEE_RATE ? {
    height: num(d.height) ? d.height : askedHeight,
    rate: d.average_fee_rate,
  } : null;
}

/**
 * The fee figures of block `height`. A very recent block can 404 for a while (CDN): then the block below.
 * null = unknown: the endpoint is missing (explorers before ord 0.16), failing, or answered nonsense.
 */
export async function feeRate(height: number, opts: ChainOptions = {}): Promise<FeeInfo | null> {
  for (let h = height; Number.isSafeInteger(h) && h >= 0 && h >= height - 1; h--) {
    const got = await get(routePath(ROUTE.rBlockinfo, h), opts);
    if (got.ok) {
      try {
        return parseBlockInfo(JSON.parse(got.body), h);
      } catch {
        return null;
      }
    }
    if (got.status !== 404) return null;
  }
  return null;
}
