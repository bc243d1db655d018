import { describe, expect, it } from 'vitest';
import { actionFor, KEYS } from '../../src/ui/keys';
import { heldOutAccuracy, infoRows, type InfoInput, type InfoRow } from '../../src/ui/info';
import { brainCandidates, explain, pastedId, resolveBrain, type BrainResult } from '../../src/ui/brain';
import { sourceRows, sourceText } from '../../src/ui/brain-source';
import { silence } from '../../src/ui/verdict';
import { sniff } from '../../src/ui/image';
import { readOnlyView, type PageState } from '../../src/ui/state';
import type { Model } from '../../src/nn/model';

const bytes = (s: string | number[]): Uint8Array => (typeof s === 'string' ? new TextEncoder().encode(s) : new Uint8Array(s));
const fakeModel = (name: string): Model => ({ name, inputShape: [2, 2, 3], scale: 1, offset: 0, layers: [], classes: ['a'], trainingTraits: {} });

describe('keys', () => {
  it('maps each documented key to its action, case-insensitively', () => {
    const cases: [Parameters<typeof actionFor>[0], string | null][] = [
      [{ key: 'o' }, 'open'], [{ key: 'O', shiftKey: true }, 'open'], [{ key: 'u' }, 'upgrade'], [{ key: 'U', shiftKey: true }, 'restore'],
      [{ key: 'i' }, 'info'], [{ key: 's' }, 'save'], [{ key: 'h' }, 'help'], [{ key: '?', shiftKey: true }, 'help'],
      [{ key: 'Escape' }, 'close'], [{ key: 'v', ctrlKey: true }, null], [{ key: 's', metaKey: true }, null], [{ key: 'x' }, null],
      [{ key: 'e' }, 'explore'], [{ key: 'ArrowLeft' }, 'move'], [{ key: 'ArrowDown' }, 'move'], [{ key: 'Enter' }, 'ask'],
      [{ key: 'ArrowLeft', altKey: true }, null],
    ];
    for (const [e, want] of cases) expect(actionFor(e), e.key).toBe(want);
  });

  it('the help table covers every action', () => {
    const acts = new Set(KEYS.map((k) => k.action));
    expect([...acts].sort()).toEqual(['ask', 'border', 'close', 'explore', 'help', 'info', 'move', 'open', 'restore', 'save', 'save4k', 'upgrade']);
    expect([actionFor({ key: 'b' }), actionFor({ key: 'K' }), actionFor({ key: 'k', ctrlKey: true })]).toEqual(['border', 'save4k', null]);
  });
});

describe('info rows', () => {
  const base: InfoInput = {
    brain: { id: 'a'.repeat(64) + 'i0',
      model: { name: 'pfp', classes: ['Nouns', 'Punks'], trainingTraits: { heldout_accuracy: 0.8125, train_accuracy: 0.99, epoch_num: 9 } } },
    genome: { features: { Dataset: 'MNIST', Layers: 3 }, birthYear: 1957 },
    state: { brain: { parameters: 23564 }, stage: 'stable', age: 0.5, life: 2, height: 880000, feeRate: 12 },
    offline: false,
  };
  const vary = (brain: Partial<InfoInput['brain']>, state: Partial<InfoInput['state']> = {}, offline = false): InfoInput =>
    ({ ...base, brain: { ...base.brain, ...brain }, state: { ...base.state, ...state }, offline });
  const get = (rows: InfoRow[], k: string): string | string[] | undefined => rows.find((r) => r[0] === k)?.[1];

  it('lists features, brain, classes, parameters, accuracy, life and chain figures', () => {
    const rows = infoRows(base);
    expect(get(rows, 'Dataset')).toBe('MNIST');
    expect(get(rows, 'Layers')).toBe('3');
    expect(get(rows, 'brain')).toBe('pfp');
    expect(get(rows, 'classes')).toEqual(['Nouns', 'Punks']); // a list: the view isolates each name
    expect(get(rows, 'parameters')).toBe('23,564');
    expect(get(rows, 'held-out accuracy')).toBe('81.3%');
    expect(get(rows, 'stage')).toBe('stable');
    expect(get(rows, 'age')).toBe('50% of life 2');
    expect(get(rows, 'block height')).toBe('880000');
    expect(get(rows, 'fee rate')).toBe('12 sat/vB');
    expect(get(rows, 'birth year')).toBe('1957: Frank Rosenblatt invented the perceptron.');
    expect(rows[0][0]).toBe('brain');
  });

  it('says offline, and copes with no brain', () => {
    const rows = infoRows(vary({ model: null }, { feeRate: null }, true));
    expect(get(rows, 'brain')).toMatch(/^none/);
    expect(get(rows, 'fee rate')).toBe('unknown');
    expect(get(rows, 'block height')).toBe('880000 (offline)');
    expect(get(rows, 'classes')).toBeUndefined();
  });

  it('caps long untrusted names', () => {
    const rows = infoRows(vary({ model: { ...base.brain.model!, name: 'n'.repeat(1000), classes: ['c'.repeat(1000)] } }));
    expect(get(rows, 'brain')!.length).toBe(60);
    expect(get(rows, 'classes')).toEqual(['c'.repeat(23) + '…']);
  });

  it('lists at most ten class names, then how many more', () => {
    const classes = Array.from({ length: 25 }, (_, i) => `class ${i}`);
    const rows = infoRows(vary({ model: { ...base.brain.model!, classes } }));
    expect(get(rows, 'classes')).toEqual([...classes.slice(0, 10), '15 more']);
  });

  it('finds the held-out accuracy key, preferring test/validation ones', () => {
    expect(heldOutAccuracy({ train_accuracy: 0.99, val_accuracy: 0.7 })).toBe('70.0%');
    expect(heldOutAccuracy({ accuracy: 91.25 })).toBe('91.3%');
    expect(heldOutAccuracy({ epoch_num: 3, accuracy: 'high' })).toBe('');
  });
});

describe('brain resolution', () => {
  const A = 'a'.repeat(64) + 'i0';
  const B = 'b'.repeat(64) + 'i0';
  const fetcher = (good: string[]) => async (id: string): Promise<BrainResult> =>
    good.includes(id) ? { ok: true, id, model: fakeModel(id), bytes: 1 } : { ok: false, id, error: { kind: 'http', status: 404, message: '404' } };

  const C = 'c'.repeat(64) + 'i1';
  const D = 'd'.repeat(64) + 'i0';
  const child = { id: C, source: 'child' as const, model: fakeModel('child'), height: 880_123 };

  it('tries, in order: plugged in here, the newest upgrade child, the token\'s metadata brain, the art\'s default', () => {
    expect(brainCandidates({ local: B, child, metadata: D, artDefault: A }).map((c) => [c.id, c.source]))
      .toEqual([[B, 'local'], [C, 'child'], [D, 'metadata'], [A, 'default']]);
    expect(brainCandidates({ artDefault: A }).map((c) => c.source)).toEqual(['default']);
    // an ID given twice is tried once, where it first comes
    expect(brainCandidates({ local: A, metadata: A, artDefault: A }).map((c) => c.source)).toEqual(['local']);
  });

  it('uses the brain plugged in here when it loads, and says it is local', async () => {
    const r = await resolveBrain(brainCandidates({ local: B, child, artDefault: A }), fetcher([A, B]), () => null);
    expect([r.id, r.model?.name, r.problem, r.source, r.child]).toEqual([B, B, '', 'local', null]);
  });

  it('runs an upgrade child without fetching it again, with its ID and height', async () => {
    const fetched: string[] = [];
    const r = await resolveBrain(brainCandidates({ child, metadata: D, artDefault: A }), (id) => {
      fetched.push(id);
      return fetcher([A, D])(id);
    }, () => null);
    expect([r.id, r.model?.name, r.source, r.child]).toEqual([C, 'child', 'child', { id: C, height: 880_123 }]);
    expect(fetched).toEqual([]);
  });

  it('falls back to the metadata brain, the default, then the embedded brain, then none, saying why', async () => {
    const r0 = await resolveBrain(brainCandidates({ local: B, metadata: D, artDefault: A }), fetcher([A, D]), () => null);
    expect([r0.id, r0.source]).toEqual([D, 'metadata']);
    expect(r0.problem).toContain('404');
    const r1 = await resolveBrain(brainCandidates({ local: B, metadata: D, artDefault: A }), fetcher([A]), () => null);
    expect([r1.id, r1.model?.name, r1.source]).toEqual([A, A, 'default']);
    const r2 = await resolveBrain(brainCandidates({ artDefault: A }), fetcher([]), () => fakeModel('embedded'));
    expect([r2.id, r2.model?.name, r2.source]).toEqual([A, 'embedded', 'embedded']);
    const r3 = await resolveBrain(brainCandidates({ artDefault: A }), fetcher([]), () => null);
    expect([r3.id, r3.model]).toEqual([A, null]);
  });

  it('says where the brain comes from, and which newer children were skipped and why', () => {
    const none = { model: fakeModel('x'), child: null };
    expect(sourceText({ ...none, source: 'metadata' })).toBe('its own brain');
    expect(sourceText({ ...none, source: 'default' })).toBe("the art's default");
    expect(sourceText({ ...none, source: 'local' })).toBe('plugged in here with U: only in this browser');
    expect(sourceText({ model: null, child: null, source: 'embedded' })).toBe('');
    expect(sourceText({ ...none, source: 'child', child: { id: C, height: 880_123 } })).toBe('upgraded on chain by child cccccccc… at block 880123');
    expect(sourceText({ ...none, source: 'child', child: { id: C, height: null } })).toBe('upgraded on chain by child cccccccc…');
    const rows = sourceRows({ ...none, source: 'metadata' }, [{ id: D, error: { kind: 'invalid-brain', message: 'classes_name: must be an array' } }]);
    expect(rows).toEqual([['brain source', 'its own brain'], ['skipped upgrade', 'child dddddddd…: Not a valid brain: classes_name: must be an array']]);
  });

  it('reads a pasted ID, bare or at the end of a /content/ URL, in either case; leaves anything else to be refused', () => {
    expect(pastedId(` ${A} `)).toBe(A);
    expect(pastedId(A.toUpperCase().replace('I0', 'i0'))).toBe(A);
    expect(pastedId(`https://ordinals.com/content/${B}`)).toBe(B);
    expect(pastedId(`/preview/${B}`)).toBe(B);
    for (const bad of ['a'.repeat(65) + 'i0', 'a'.repeat(63) + 'i0', `x${A}`, `${A}/`, A.slice(0, -2), '']) expect(pastedId(bad)).toBe(bad);
  });

  it('explains every error kind in words', () => {
    expect(explain({ kind: 'bad-id', message: '' })).toMatch(/64 hex/);
    expect(explain({ kind: 'http', status: 404, message: '' })).toMatch(/404/);
    expect(explain({ kind: 'http', status: 500, message: '' })).toMatch(/500/);
    expect(explain({ kind: 'timeout', message: '' })).toMatch(/timed out/);
    expect(explain({ kind: 'network', message: '' })).toMatch(/network/);
    expect(explain({ kind: 'not-json', message: '' })).toMatch(/not JSON/);
    expect(explain({ kind: 'invalid-brain', message: 'layers[2] missing units' })).toMatch(/layers\[2\] missing units/);
  });
});

describe('verdict', () => {
  it('a dead network or a fully silent layer cannot answer; a partial one can', () => {
    expect(silence('dead', [])).toBe('This Perceptron is dead: it cannot answer.');
    expect(silence('rebirth', [new Uint8Array([0, 0])])).toBe('A whole layer is silent (rebirth): it cannot answer.');
    expect(silence('growing', [new Uint8Array([0, 1]), null])).toBe('');
    expect(silence('stable', [null])).toBe('');
  });
});

describe('image sniffing', () => {
  it('rejects empty files and SVG with a clear message', () => {
    expect(() => sniff('image/png', 0, bytes(''))).toThrow(/empty/);
    expect(() => sniff('image/svg+xml', 10, bytes('<svg/>'))).toThrow(/SVG is not a bitmap/);
    expect(() => sniff('', 10, bytes('  <?xml version="1.0"?><svg xmlns="..."/>'))).toThrow(/SVG/);
  });

  it('lets bitmaps (and unknowns, for the decoder to judge) through and notes animated GIFs', () => {
    expect(sniff('', 10, bytes([0x89, 0x50, 0x4e, 0x47, 13, 10]))).toBe('');
    expect(sniff('text/plain', 10, bytes('hello world'))).toBe('');
    expect(sniff('', 10, bytes('<html><body>no svg here</body></html>'))).toBe('');
    expect(sniff('image/gif', 10, bytes('GIF89a......'))).toBe('');
    expect(sniff('image/gif', 10, bytes('GIF89a...!\xffNETSCAPE2.0'))).toMatch(/first frame/);
  });
});

describe('window.perceptron view', () => {
  const state = (): PageState => ({
    seed: 'ab', features: { a: 1 }, stage: 'growing', age: 0, life: 1, height: 5, feeRate: null,
    brain: { id: 'x', name: 'n', classes: [], parameters: 0 }, brainSource: 'child', brainChild: { id: 'c', height: 4 }, prediction: null, ready: false,
    neurons: [{ layer: 0, index: 0, x: 1, y: 2, r: 3, alive: true }],
    explain: (layer, index) => ({ field: [layer], activation: null, rank: null, contributions: [], alive: true, bornAt: index, diesAt: 9 }),
  });

  it('has exactly the contract keys, follows the live state and cannot be written', () => {
    const s = state();
    const v = readOnlyView(s, () => 7);
    expect(Object.keys(v)).toEqual(['seed', 'features', 'stage', 'age', 'life', 'height', 'feeRate', 'brain', 'brainSource', 'brainChild', 'prediction', 'ready', 'neurons', 'explain']);
    s.ready = true;
    s.height = 6;
    expect([v.ready, v.height]).toEqual([true, 6]);
    expect(() => ((v as { ready: boolean }).ready = false)).toThrow(TypeError);
    expect(() => ((v as Record<string, unknown>).extra = 1)).toThrow(TypeError);
    expect((v as unknown as { _debug: number })._debug).toBe(7);
    expect(v.explain(2, 4)).toMatchObject({ field: [2], bornAt: 4 });
    expect(v.neurons).toBe(s.neurons);
    expect(JSON.parse(JSON.stringify(v))).toEqual(JSON.parse(JSON.stringify(s))); // explain, a function, is left out
  });
});
