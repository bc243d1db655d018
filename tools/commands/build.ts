// `perceptrons build`: the inscription (default) or, with --collection <genomes/>, the shared art plus one token each.
import { runBuild } from '../build/cli';

export const summary = 'build inscription.html (size report, budgets) or a collection: --collection genomes/ --out dist/collection/';

export async function run(args: string[]): Promise<number> {
  return runBuild(args);
}
