// fetchTestSet: the test-set inscription (a PNG with its labels in a tEXt header, src/nn/testset.ts) by ID through ord's
// /content/<id>. The header is checked before anything decodes the pixels: a hostile one is refused early.
import { readTestSet, type TestSet } from '../nn/testset';
import { getBytes, type ChainOptions } from './http';
import { isInscriptionId } from './ids';
import { ROUTE, routePath } from './routes';

/** Far more than a test set of MAX_TEST_IMAGES needs as PNG: a longer body is not downloaded. */
export const MAX_TESTSET_BYTES = 8 * 1024 * 1024;

export type TestSetResult = { ok: true; id: string; png: Uint8Array; testSet: TestSet } | { ok: false; id: string; message: string };

export async function fetchTestSet(id: string, opts: ChainOptions = {}): Promise<TestSetResult> {
  const fail = (message: string): TestSetResult => ({ ok: false, id, message: `Test set ${id.slice(0, 8)}…: ${message}` });
  if (!isInscriptionId(id)) return fail('not an inscription ID.');
  const got = await getBytes(routePath(ROUTE.content, id), opts, undefined, MAX_TESTSET_BYTES);
  if (!got.ok) return fail(got.status === 404 ? 'no inscription with that ID (404).' : got.kind === 'too-large' ? 'too large to be a test set.' : got.message);
  try {
    return { ok: true, id, png: got.data, testSet: readTestSet(got.data) };
  } catch (e) {
    return fail((e as Error).message);
  }
}
