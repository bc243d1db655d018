// `perceptrons build`: the inscription (default) or, with --collection <genomes/>, the shared art plus one token each.
import { command, runBuild } from '../build/cli';

export { command };

export function run(args: string[]): Promise<number> {
  return runBuild(args);
}
