// A token's seed from its collection's: sha256("<collection seed>:<index>") as 64 hex digits, so a collection is
// reproducible from its seed alone (perceptrons generate and perceptrons collection both draw genomes from it).
import { createHash } from 'node:crypto';

export const tokenSeed = (collectionSeed: string, index: number): string =>
  createHash('sha256').update(`${collectionSeed}:${index}`).digest('hex');
