// The architecture to train: from an ARCH.json ({"hidden":[10,8,10],"activation":"leaky_relu"}), from a genome
// JSON written by `perceptrons generate` (hidden + features.Activation), or from a seed through src/art's generator.
import { readFileSync } from 'node:fs';
import { generateGenome } from '../../src/art/traits';
import { ACTIVATIONS, ACTIVATION_RULES, activationNamed, type Activation } from '../../src/nn/index';
import type { Architecture } from './init';

export interface ArchSpec extends Architecture {
  /** training_traits in the paper's vocabulary */
  structure: string;
  maxNodes: number;
  epochs?: number;
}

/** The activations the trainer puts in hidden layers: every one of the engine's but softmax (an output activation). */
const HIDDEN: Activation[] = ACTIVATIONS.filter((a) => a !== 'softmax');

/** How the paper's training_traits write an activation (LeakyReLU, ReLU, …). */
export const paperActivation = (a: Activation): string => ACTIVATION_RULES[a].paperName;

/** A hidden layers' activation, in any case, with '-', ' ' or '_' between words ("Leaky ReLU", "leaky-relu"). */
export function parseActivation(name: unknown, where: string): Activation {
  const a = typeof name === 'string' ? activationNamed(name.replace(/[-\s]/g, '_')) : undefined;
  if (!a || !HIDDEN.includes(a)) throw new Error(`${where}: activation ${JSON.stringify(name)} is not one of ${HIDDEN.join(', ')}`);
  return a;
}

export function parseHidden(hidden: unknown, where: string): number[] {
  if (!Array.isArray(hidden) || hidden.length === 0 || hidden.length > 16) throw new Error(`${where}: hidden must be a list of 1 to 16 layer widths, got ${JSON.stringify(hidden)}`);
  hidden.forEach((w, i) => {
    if (!Number.isInteger(w) || (w as number) < 1 || (w as number) > 4096) throw new Error(`${where}: hidden[${i}] must be an integer from 1 to 4096, got ${JSON.stringify(w)}`);
  });
  return hidden as number[];
}

export function structureOf(hidden: number[]): string {
  const symmetric = hidden.every((w, i) => w === hidden[hidden.length - 1 - i]);
  if (hidden.length > 1 && symmetric) return 'Symmetric';
  if (hidden.every((w, i) => i === 0 || w <= hidden[i - 1])) return 'Triangle';
  return 'Custom';
}

/** Reads ARCH.json or a genome JSON. */
export function archFromJson(json: unknown, where: string): ArchSpec {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${where}: expected a JSON object with "hidden" and "activation"`);
  const o = json as Record<string, unknown>;
  const features = (o.features && typeof o.features === 'object' ? o.features : {}) as Record<string, unknown>;
  const hidden = parseHidden(o.hidden, where);
  const activation = parseActivation(o.activation ?? features.Activation, where);
  return {
    hidden, activation,
    structure: typeof features.Architecture === 'string' ? features.Architecture : structureOf(hidden),
    maxNodes: typeof features['Max Neurons'] === 'number' ? features['Max Neurons'] : Math.max(...hidden),
    epochs: typeof o.epochs === 'number' ? o.epochs : typeof features.Epochs === 'number' ? features.Epochs : undefined,
  };
}

export function archFromFile(path: string): ArchSpec {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new Error(`--arch ${path}: cannot read (${(e as Error).message})`); }
  let json: unknown;
  try { json = JSON.parse(text); } catch (e) { throw new Error(`--arch ${path}: not JSON (${(e as Error).message})`); }
  return archFromJson(json, path);
}

/** The architecture a Perceptron's seed describes, via src/art/traits.ts's generateGenome. */
export function archFromSeed(seed: string): ArchSpec {
  return archFromJson(generateGenome(seed), `genome of seed ${seed}`);
}
