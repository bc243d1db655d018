// An inscription's newest upgrade child: the last page of /r/children found in a few requests (galloping, then halving),
// at most MAX_UPGRADE_CANDIDATES children fetched, newest first; non-brains skipped silently, broken brains with a
// reason; /r/children failing or absent means no upgrade and nothing to say. Injected fetch, ord's page semantics.
import { describe, expect, it } from 'vitest';
import { childrenPage, findUpgrade, MAX_UPGRADE_CANDIDATES, newestChildren } from '../../src/chain/index';
import { fakeFetch, json, ok, status, tinyBrainDoc, ID, type Answer } from './helpers';

const childId = (n: number) => n.toString(16).padStart(64, '0') + 'i0';

/** A fake fetch answering ord's /r/children/<ID>/<page> for a parent with `count` children (100 a page, oldest first;
 * a page past the end: no IDs, no more), and the other paths from `routes`. */
function childrenRoutes(count: number, routes: Record<string, Answer> = {}) {
  const rest = fakeFetch(routes);
  const fn = async (url: string, init?: RequestInit): Promise<Response> => {
    const page = new RegExp(`^/r/children/${ID}/(\\d+)$`).exec(url)?.[1];
    if (page === undefined) return rest.fn(url, init);
    rest.calls.push(url);
    const first = Number(page) * 100, ids = [];
    for (let i = first; i < Math.min(count, first + 100); i++) ids.push(childId(i));
    return json({ ids, more: first + 100 < count, page: Number(page) });
  };
  return { fn, calls: rest.calls };
}
const opts = (fetch: (url: string, init?: RequestInit) => Promise<Response>) => ({ fetch, timeoutMs: 50 });

describe('newestChildren', () => {
  it('finds the newest of 10,000 children (the last of 100 pages) in a handful of requests, newest first', async () => {
    const f = childrenRoutes(10_000);
    const r = await newestChildren(ID, 3, opts(f.fn));
    expect(r?.ids).toEqual([childId(9999), childId(9998), childId(9997)]);
    expect(r!.requests).toBeLessThanOrEqual(16); // 1, 2, 4, ... 128, then halving between 64 and 128
    expect(f.calls.length).toBe(r!.requests);
  });

  it('crosses into the page before when the last page holds fewer than asked for', async () => {
    const f = childrenRoutes(201);
    expect((await newestChildren(ID, 3, opts(f.fn)))?.ids).toEqual([childId(200), childId(199), childId(198)]);
  });

  it('answers every count of children exactly', async () => {
    for (const count of [0, 1, 99, 100, 101, 199, 200, 300, 1234, 6400, 6401]) {
      const f = childrenRoutes(count);
      const r = await newestChildren(ID, 2, opts(f.fn));
      expect(r?.ids).toEqual([count - 1, count - 2].filter((n) => n >= 0).map(childId));
    }
  });

  it('one request for an inscription without children; null when /r/children fails, is absent or lies', async () => {
    const none = childrenRoutes(0);
    expect(await newestChildren(ID, 3, opts(none.fn))).toEqual({ ids: [], requests: 1 });
    expect(await newestChildren(ID, 3, opts(fakeFetch({}).fn))).toBeNull(); // 404: an older ord
    expect(await newestChildren(ID, 3, opts(fakeFetch({ [`/r/children/${ID}/0`]: ok('<html>') }).fn))).toBeNull();
    expect(await newestChildren(ID, 3, opts(fakeFetch({ [`/r/children/${ID}/0`]: 'hang' }).fn))).toBeNull();
    // a server that always says there is more stops at the page cap instead of looping
    const asked: string[] = [];
    const always = async (url: string) => {
      asked.push(url);
      return json({ ids: [childId(1)], more: true, page: 0 });
    };
    expect(await newestChildren(ID, 3, opts(always))).toBeNull();
    expect(asked.length).toBeLessThanOrEqual(26);
  });

  it('reads a page as ord writes it, ignoring unknown fields and anything that is not an inscription ID', async () => {
    const f = fakeFetch({ [`/r/children/${ID}/0`]: json({ ids: [childId(1), 'nope', 7], more: false, page: 0, extra: 1 }) });
    expect(await childrenPage(ID, 0, opts(f.fn))).toEqual({ ids: [childId(1)], more: false });
  });
});

describe('findUpgrade', () => {
  const brain = JSON.stringify(tinyBrainDoc());
  const withChildren = (n: number, content: Record<number, Answer>, heights: Record<number, number> = {}) => {
    const routes: Record<string, Answer> = {};
    for (const [i, a] of Object.entries(content)) routes[`/content/${childId(+i)}`] = a;
    for (const [i, h] of Object.entries(heights)) routes[`/r/inscription/${childId(+i)}`] = json({ id: childId(+i), height: h });
    return childrenRoutes(n, routes);
  };

  it('runs the newest child that is a brain, with its height', async () => {
    const f = withChildren(3, { 0: ok(brain), 2: ok(brain) }, { 2: 880_500 });
    const r = await findUpgrade(ID, opts(f.fn));
    expect([r.child?.id, r.child?.height, r.child?.model.name, r.skipped]).toEqual([childId(2), 880_500, 'tiny', []]);
  });

  it('skips non-brains (an image, text) silently and broken brains with the reason', async () => {
    const png = new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]), { headers: { 'content-type': 'image/png' } });
    const f = withChildren(5, { 4: png, 3: ok('{"model_name": "x"}'), 2: ok(brain), 1: ok('hello') });
    const r = await findUpgrade(ID, opts(f.fn));
    expect(r.child?.id).toBe(childId(2));
    expect(r.skipped.map((s) => [s.id, s.error.kind])).toEqual([[childId(3), 'invalid-brain']]);
  });

  it('a child that 404s (a delegate to a missing inscription) or stalls is skipped with the reason', async () => {
    const f = withChildren(3, { 2: 'hang', 0: ok(brain) }); // child 1: 404
    const r = await findUpgrade(ID, opts(f.fn));
    expect(r.child?.id).toBe(childId(0));
    expect(r.skipped.map((s) => s.error.kind)).toEqual(['timeout', 'http']);
  });

  it(`fetches at most ${MAX_UPGRADE_CANDIDATES} children, newest first: an older brain is not looked for`, async () => {
    const f = withChildren(10_000, { 0: ok(brain) });
    const r = await findUpgrade(ID, opts(f.fn));
    expect(r.child).toBeNull();
    expect(f.calls.filter((c) => c.startsWith('/content/'))).toEqual([9999, 9998, 9997].map((n) => `/content/${childId(n)}`));
  });

  it('no children, or /r/children failing: no upgrade and nothing to say', async () => {
    for (const f of [withChildren(0, {}), fakeFetch({}), fakeFetch({ [`/r/children/${ID}/0`]: status(500) })]) {
      expect(await findUpgrade(ID, opts(f.fn))).toEqual({ child: null, skipped: [] });
    }
  });
});
