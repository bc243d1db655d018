// Measuring brains on the test set, page side: the test set fetched once per ID, the work sent to the measuring worker
// (the page's own script run as a Worker, src/ui/worker-life.ts), each brain's outcome kept by brain and test set.
import { fetchTestSet, type TestSetResult } from '../chain/index';
import { notComparable, type Measurement } from '../nn/measure';
import type { Model } from '../nn/model';
import type { MeasureReply, MeasureRequest } from './measure-worker';

export type Outcome = { ok: true; testSet: string; result: Measurement } | { ok: false; testSet: string; message: string };

let source = '';
/** The page's script text, from which the worker is made (worker-life.ts hands it over while the script runs). */
export function setWorkerSource(text: string): void {
  source = text;
}

let worker: Worker | null = null;
let asked = 0;
const waiting = new Map<number, (r: MeasureReply) => void>();

function measurer(): Worker {
  if (worker) return worker;
  if (!source || typeof Worker === 'undefined') throw new Error('This browser cannot measure here (no Web Worker).');
  const w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  w.onmessage = ({ data }: MessageEvent<MeasureReply>) => {
    waiting.get(data.id)?.(data);
    waiting.delete(data.id);
  };
  // a worker that cannot start or dies: every open request fails with a message, and the next one starts a new worker
  w.onerror = (e) => {
    e.preventDefault();
    for (const [id, done] of waiting) done({ id, ok: false, message: 'The measuring worker failed.' });
    waiting.clear();
    worker = null;
  };
  return (worker = w);
}

function inWorker(q: Omit<MeasureRequest, 'id'>): Promise<MeasureReply> {
  const id = ++asked;
  return new Promise((done) => {
    waiting.set(id, done);
    measurer().postMessage({ ...q, id });
  });
}

const testSets = new Map<string, Promise<TestSetResult>>();
const outcomes = new Map<string, Promise<Outcome>>();

/** The brain `brainId` (its model) on the test set `testSet` (an inscription ID, '' when the page knows none). */
export function measure(brainId: string, model: Model, testSet: string): Promise<Outcome> {
  const key = brainId + ' ' + testSet;
  if (!outcomes.has(key)) {
    const p = measureOnce(model, testSet);
    outcomes.set(key, p);
    // only a measurement is kept: a failure is tried again when asked
    void p.then((o) => {
      if (!o.ok) outcomes.delete(key);
    });
  }
  return outcomes.get(key)!;
}

async function measureOnce(model: Model, testSet: string): Promise<Outcome> {
  const fail = (message: string): Outcome => ({ ok: false, testSet, message });
  if (!testSet) return fail('No test set: this Perceptron names none.');
  if (!testSets.has(testSet)) testSets.set(testSet, fetchTestSet(testSet));
  const t = await testSets.get(testSet)!;
  if (!t.ok) {
    testSets.delete(testSet); // a failed fetch (timeout, network) is tried again when asked
    return fail(t.message);
  }
  const why = notComparable(model, t.testSet);
  if (why) return fail(why);
  try {
    const r = await inWorker({ png: t.png, testSet: t.testSet, model });
    return r.ok ? { ok: true, testSet, result: r.result } : fail(r.message);
  } catch (e) {
    return fail((e as Error).message);
  }
}
