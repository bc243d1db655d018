// A collection's manifest.json: the art, every token (its genome's seed and features, its brain) and the totals.
export interface Manifest {
  art: { file: string; id: string; bytes: number; brotliBytes: number };
  tokens: {
    index: number; id: string; seed: string; features: Record<string, string | number>; hidden: number[]; activation: string;
    brain: { file: string; id: string; bytes: number; brotliBytes: number; parameters: number; heldoutAccuracy: number };
  }[];
  totals: { bytes: number; brotliBytes: number; feeSat: number };
}
