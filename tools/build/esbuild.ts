// esbuild over one entry file with the options every inscription shares: bundled, minified, ES2020 for the browser,
// no comments, no source map, UTF-8 kept as is. The page (an IIFE with its build inputs defined) and the library (an ES
// module) differ only in what they pass here. Deterministic: same sources, same bytes.
import { build, type BuildOptions as EsbuildOptions, type BuildResult } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BuildError } from './errors';

export async function bundleEntry(
  root: string,
  entry: string,
  what: string,
  o: Pick<EsbuildOptions, 'format' | 'define' | 'plugins'>,
): Promise<BuildResult<{ metafile: true; write: false }>> {
  const entryPath = resolve(root, entry);
  if (!existsSync(entryPath)) throw new BuildError(`${what} entry ${entryPath} not found`);
  return build({
    absWorkingDir: root,
    entryPoints: [entryPath],
    bundle: true,
    write: false,
    minify: true,
    target: 'es2020',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'silent',
    metafile: true,
    ...o,
  }).catch((e: Error) => {
    throw new BuildError(`esbuild failed on ${entry}:\n${e.message}`);
  });
}
