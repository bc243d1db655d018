// A collection's manifest.json: the art, every token (its genome's seed and features, its brain) and the totals.
export interface Manifest {
  art: { file: string; id: string; bytes: number; brotliBytes: number };
  tokens: {
    index: number; id: string; seed: string; features: Record<string, string | number>; hidden: number[]; activation: string;
    brain: { file: string; id: string; bytes: number; brotliBytes: number; parameters: number; heldoutAccuracy: number };
    /** its ord properties (title and traits) as inscribed: tag 17's bytes, brotli'd ("br", tag 19) when smaller */
    properties: { bytes: number; encoding: 'br' | null };
  }[];
  /** feeSat: every batch's; propertiesBytes / propertiesFeeSat: what the tokens' properties add to the bytes and to
   * the token batches' fees (the same batches planned without them, beside) */
  totals: { bytes: number; brotliBytes: number; feeSat: number; propertiesBytes: number; propertiesFeeSat: number };
}
