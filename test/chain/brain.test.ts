import { describe, expect, it } from 'vitest';
import { fetchBrain, isInscriptionId } from '../../src/chain/index';
import { get } from '../../src/chain/http';
import { MAX_DOCUMENT_BYTES } from '../../src/nn/limits';
import { ID, fakeFetch, manualTimers, ok, status, tinyBrainDoc } from './helpers';

describe('isInscriptionId', () => {
  it('accepts ord IDs and rejects near misses', () => {
    expect(isInscriptionId(ID)).toBe(true);
    expect(isInscriptionId(ID.replace(/i0$/, 'i4294967295'))).toBe(true);
    for (const bad of [ID.toUpperCase(), ID.slice(1), ID + 'x', ID.replace('i0', ''), ID.replace('i0', 'i'), ` ${ID}`, `${ID}\n`, '../' + ID, 42, null]) {
      expect(isInscriptionId(bad)).toBe(false);
    }
  });
});

describe('fetchBrain', () => {
  it('fetches /content/<id>, decodes with the codec and counts the bytes', async () => {
    const body = JSON.stringify(tinyBrainDoc());
    const f = fakeFetch({ [`/content/${ID}`]: ok(body, 'application/json') });
    const r = await fetchBrain(ID, { fetch: f.fn });
    expect(f.calls).toEqual([`/content/${ID}`]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.id).toBe(ID);
    expect(r.model.name).toBe('tiny');
    expect(r.model.classes).toEqual(['cat', 'dog']);
    expect(r.bytes).toBe(new TextEncoder().encode(body).length);
  });

  it('rejects a malformed ID before any request', async () => {
    const f = fakeFetch({});
    for (const bad of ['', 'abc', ID.toUpperCase(), `${ID}/../../x`, `../${ID}`]) {
      const r = await fetchBrain(bad, { fetch: f.fn });
      expect(r).toMatchObject({ ok: false, id: bad, error: { kind: 'bad-id' } });
    }
    expect(f.calls).toEqual([]);
  });

  it('reports the HTTP status', async () => {
    for (const code of [404, 406, 500]) {
      const f = fakeFetch({ [`/content/${ID}`]: status(code) });
      const r = await fetchBrain(ID, { fetch: f.fn });
      expect(r).toMatchObject({ ok: false, error: { kind: 'http', status: code } });
      if (!r.ok) expect(r.error.message).toContain(String(code));
    }
  });

  it('reports a network failure', async () => {
    const f = fakeFetch({ [`/content/${ID}`]: new TypeError('Failed to fetch') });
    const r = await fetchBrain(ID, { fetch: f.fn });
    expect(r).toMatchObject({ ok: false, error: { kind: 'network' } });
    if (!r.ok) expect(r.error.message).toContain('Failed to fetch');
  });

  it('times out after 10 s by default and aborts the request', async () => {
    const t = manualTimers();
    let aborted = false;
    const f = fakeFetch({
      [`/content/${ID}`]: (init) =>
        new Promise((_, reject) =>
          init!.signal!.addEventListener('abort', () => {
            aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          }),
        ),
    });
    let result: unknown = null;
    void fetchBrain(ID, { fetch: f.fn, timers: t.timers }).then((r) => (result = r));
    await t.advance(9_999);
    expect(result).toBeNull();
    await t.advance(1);
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(aborted).toBe(true);
  });

  it('times out on a body that never ends, and honours timeoutMs', async () => {
    const t = manualTimers();
    const endless = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('{"model_name":')); } });
    const f = fakeFetch({ [`/content/${ID}`]: async () => new Response(endless, { status: 200 }) });
    let result: unknown = null;
    void fetchBrain(ID, { fetch: f.fn, timers: t.timers, timeoutMs: 2_000 }).then((r) => (result = r));
    await t.advance(2_000);
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it('reports content that is not JSON', async () => {
    const f = fakeFetch({ [`/content/${ID}`]: ok('<!doctype html><p>an image?</p>', 'text/html') });
    const r = await fetchBrain(ID, { fetch: f.fn });
    expect(r).toMatchObject({ ok: false, error: { kind: 'not-json' } });
  });

  it("passes the codec's message for an invalid brain", async () => {
    const doc = tinyBrainDoc() as { layers_config: { config: { layers: { config?: { units?: number } }[] } } };
    const dense = doc.layers_config.config.layers.find((l) => l.config?.units === 3)!;
    dense.config!.units = -3;
    const f = fakeFetch({ [`/content/${ID}`]: ok(JSON.stringify(doc)) });
    const r = await fetchBrain(ID, { fetch: f.fn });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-brain' } });
    if (!r.ok) expect(r.error.message).toMatch(/^layers_config\.config\.layers\[\d+\]\.config\.units: must be /);
    const g = fakeFetch({ [`/content/${ID}`]: ok('{"hello":"world"}') });
    const r2 = await fetchBrain(ID, { fetch: g.fn });
    expect(r2).toMatchObject({ ok: false, error: { kind: 'invalid-brain', message: 'model_name: must be a string, got nothing' } });
  });

  it('stops downloading a body longer than any brain within the parameter cap, and says so', async () => {
    // a 50 MB body, produced only as it is read
    const chunk = new Uint8Array(1 << 20).fill(32);
    let produced = 0, cancelled = false;
    const huge = () => new ReadableStream<Uint8Array>({
      pull(c) {
        if (produced >= 50 << 20) return c.close();
        produced += chunk.byteLength;
        c.enqueue(chunk);
      },
      cancel() { cancelled = true; },
    });
    const f = fakeFetch({ [`/content/${ID}`]: async () => new Response(huge(), { status: 200 }) });
    const r = await fetchBrain(ID, { fetch: f.fn });
    expect(r).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    if (!r.ok) expect(r.error.message).toBe(`/content/${ID}: more than ${MAX_DOCUMENT_BYTES.toLocaleString('en')} bytes: stopped downloading`);
    expect(cancelled).toBe(true);
    expect(produced).toBeLessThan(MAX_DOCUMENT_BYTES + 3 * chunk.byteLength); // it stopped near the cap, not at 50 MB
    expect(MAX_DOCUMENT_BYTES).toBeLessThan(24e6);
    // a declared Content-Length past the cap is refused before reading anything
    produced = 0;
    const g = fakeFetch({ [`/content/${ID}`]: async () => new Response(huge(), { status: 200, headers: { 'content-length': String(50 << 20) } }) });
    expect(await fetchBrain(ID, { fetch: g.fn })).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    expect(produced).toBeLessThanOrEqual(chunk.byteLength); // at most what the stream buffered before being asked
  });

  it('reads a streamed body whole up to exactly the cap, in any chunks', async () => {
    const body = JSON.stringify(tinyBrainDoc());
    const f = fakeFetch({ [`/content/${ID}`]: async () => new Response(new Blob([body]).stream(), { status: 200 }) });
    expect((await fetchBrain(ID, { fetch: f.fn })).ok).toBe(true);
    const text = 'héllo, wörld', size = new TextEncoder().encode(text).length;
    const chunked = async () => new Response(new ReadableStream({
      start(c) { new TextEncoder().encode(text).forEach((b) => c.enqueue(Uint8Array.of(b))); c.close(); },
    }), { status: 200 });
    const g = fakeFetch({ '/x': chunked });
    expect(await get('/x', { fetch: g.fn }, undefined, size)).toEqual({ ok: true, body: text, bytes: size });
    expect(await get('/x', { fetch: g.fn }, undefined, size - 1)).toMatchObject({ ok: false, kind: 'too-large' });
  });
});
