// The build's manifest: what a build baked into a page, written beside it (inscription.json for inscription.html) so
// that tools such as the preview server read it instead of searching the minified bundle.
import { readFileSync } from 'node:fs';

export interface BuildManifest {
  /** The page's file name, e.g. inscription.html. */
  file: string;
  /** Its preview ID (sha256 of the bytes + i0); ord assigns the real one when it is inscribed. */
  artId: string;
  seed: string;
  birthHeight: number;
  fallbackHeight: number;
  brainId: string;
}

/** The manifest's path beside a page: x.html → x.json. */
export const manifestPathOf = (htmlPath: string): string => htmlPath.replace(/\.html?$/i, '') + '.json';

/** The manifest's text: fixed key order, so the same build writes the same bytes. */
export function manifestJson(m: BuildManifest): string {
  const { file, artId, seed, birthHeight, fallbackHeight, brainId } = m;
  return JSON.stringify({ file, artId, seed, birthHeight, fallbackHeight, brainId }, null, 2) + '\n';
}

/** The manifest beside a page, or null when there is none (a page not built here). Throws naming a malformed one. */
export function readManifest(htmlPath: string): BuildManifest | null {
  const path = manifestPathOf(htmlPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let m: Partial<BuildManifest>;
  try {
    m = JSON.parse(text) as Partial<BuildManifest>;
  } catch (e) {
    throw new Error(`${path}: not JSON (${(e as Error).message}): rebuild with npm run build`);
  }
  const height = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (typeof m !== 'object' || m === null || typeof m.seed !== 'string' || typeof m.brainId !== 'string' ||
    typeof m.artId !== 'string' || !height(m.birthHeight) || !height(m.fallbackHeight)) {
    throw new Error(`${path}: not a build manifest (seed, birthHeight, fallbackHeight, brainId, artId): rebuild with npm run build`);
  }
  return m as BuildManifest;
}
