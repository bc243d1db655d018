// The single-file build: self-contained, reproducible, config baked in, bad input named.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentId } from '../../tools/build/ids';
import { BuildError, buildInscription, DEFAULT_BIRTH_HEIGHT, DEFAULT_SEED } from '../../tools/build/inscription';
import { findExternalReferences } from '../../tools/build/references';
import { ROOT, STANDIN_ENTRY, TEST_BRAIN, tempDir } from './helpers';

const tmp = tempDir();
afterAll(tmp.cleanup);
const base = { root: ROOT, entry: STANDIN_ENTRY, brain: TEST_BRAIN };
const brainId = contentId(readFileSync(join(ROOT, TEST_BRAIN)));

/** An inscription's rules (no network but same-origin relative paths), checked directly on the output (independent of
 * references.ts). */
function externalRefs(html: string): string[] {
  const bad: string[] = [];
  if (/https?:\/\//i.test(html)) bad.push('absolute URL');
  if (/<link\b/i.test(html)) bad.push('<link>');
  for (const m of html.matchAll(/<[a-z]+[^>]*\ssrc\s*=\s*["']?([^"'\s>]*)/gi)) if (!m[1].startsWith('data:')) bad.push(`src=${m[1]}`);
  return bad;
}

describe('buildInscription', () => {
  it('makes one self-contained HTML file with the script inlined and no external reference', async () => {
    const r = await buildInscription({ ...base, out: join(tmp.dir, 'a.html') });
    expect(readFileSync(join(tmp.dir, 'a.html'))).toEqual(r.bytes);
    expect(r.html.startsWith('<!doctype html>')).toBe(true);
    expect(r.html.match(/<script>/g)).toHaveLength(1);
    expect(r.html).toMatch(/<canvas[ >]/);
    expect(externalRefs(r.html)).toEqual([]);
    expect(findExternalReferences(r.html)).toEqual([]);
    // No source map, no comments left from the shell, no leftover marker.
    expect(r.html).not.toMatch(/sourceMappingURL|<!--|@SCRIPT@|HTML shell/);
    // A string holding </script> is escaped so it cannot end the inline script.
    expect(r.html.match(/<\/script>/g)).toHaveLength(1);
    expect(r.id).toBe(contentId(r.bytes));
  });

  it('bakes the build inputs into __PERCEPTRON__ (default brain ID = the preview server ID of the brain file)', async () => {
    const r = await buildInscription(base);
    expect(r.config).toEqual({ brainId, seed: DEFAULT_SEED, birthHeight: DEFAULT_BIRTH_HEIGHT, fallbackHeight: DEFAULT_BIRTH_HEIGHT, embeddedBrain: null });
    expect(r.html).toContain(brainId);
    expect(r.html).toContain(DEFAULT_SEED);
    const seed = 'ab'.repeat(32);
    const id = 'cd'.repeat(32) + 'i3';
    const s = await buildInscription({ ...base, seed, brainId: id, birthHeight: 840000, fallbackHeight: 900000 });
    expect(s.config).toMatchObject({ seed, brainId: id, birthHeight: 840000, fallbackHeight: 900000 });
    expect(s.html).toContain(seed);
    expect(s.html).not.toContain(DEFAULT_SEED);
  });

  it('is reproducible: two builds give identical bytes; a changed input changes them', async () => {
    const a = await buildInscription(base);
    const b = await buildInscription(base);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    const c = await buildInscription({ ...base, birthHeight: DEFAULT_BIRTH_HEIGHT + 1 });
    expect(c.bytes.equals(a.bytes)).toBe(false);
  });

  it('is reproducible from a clone at another path (no path or time leaks into the output)', async () => {
    const roots = [join(tmp.dir, 'clone-a'), join(tmp.dir, 'somewhere', 'else', 'clone-b')];
    for (const r of roots) {
      cpSync(join(ROOT, 'src'), join(r, 'src'), { recursive: true });
      cpSync(join(ROOT, TEST_BRAIN), join(r, TEST_BRAIN));
    }
    const [a, b] = await Promise.all(roots.map((root) => buildInscription({ root, brain: TEST_BRAIN })));
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(a.html).not.toContain(tmp.dir);
  });

  it('--standalone embeds the brain; the normal build does not', async () => {
    const brain = JSON.parse(readFileSync(join(ROOT, TEST_BRAIN), 'utf8'));
    const plain = await buildInscription(base);
    const alone = await buildInscription({ ...base, standalone: true });
    expect(plain.config.embeddedBrain).toBeNull();
    expect(alone.config.embeddedBrain).toEqual(brain);
    expect(alone.size.raw).toBeGreaterThan(plain.size.raw + 50_000);
    expect(externalRefs(alone.html)).toEqual([]);
  });

  it('names what is wrong in bad inputs', async () => {
    await expect(buildInscription({ ...base, seed: 'xyz' })).rejects.toThrow(/--seed "xyz" must be 64/);
    await expect(buildInscription({ ...base, brainId: 'nope' })).rejects.toThrow(/--brain-id "nope" is not an inscription ID/);
    await expect(buildInscription({ ...base, birthHeight: -1 })).rejects.toThrow(/--birth-height -1/);
    await expect(buildInscription({ ...base, brain: 'test/fixtures/none.json' })).rejects.toThrow(/none\.json not found/);
    await expect(buildInscription({ ...base, entry: 'test/fixtures/page/missing.ts' })).rejects.toThrow(BuildError);
  });

  it('keeps property names as written (a computed key reads the same property as a dotted one)', async () => {
    const entry = join(tmp.dir, 'props.ts');
    writeFileSync(entry, 'const o: any = { trainingTraits: 1 };\n(window as any).out = [o.trainingTraits, o[String(Date.now() > 0 ? "trainingTraits" : "")]];\n');
    const { html } = await buildInscription({ ...base, entry });
    expect(html).toMatch(/\{trainingTraits:1\}/);
    expect(html).toContain('.trainingTraits');
  });

  it('refuses a page that references the outside world, saying where', async () => {
    const entry = join(tmp.dir, 'external.ts');
    writeFileSync(entry, 'document.title = "see https://example.com/x.png";\n');
    await expect(buildInscription({ ...base, entry })).rejects.toThrow(/absolute https:\/\/ URL at byte \d+/);
    const shell = join(tmp.dir, 'shell.html');
    writeFileSync(shell, '<!doctype html><link rel=icon href=/x.png><img src="/content/abc"><script>/*@SCRIPT@*/</script>');
    const err = await buildInscription({ ...base, shell }).catch((e: Error) => e.message);
    expect(err).toMatch(/<link> element/);
    expect(err).toMatch(/src= that is not data:/);
  });
});

describe('findExternalReferences', () => {
  it('allows data: sources and property assignments, flags the rest', () => {
    expect(findExternalReferences('<img src="data:image/png;base64,AA"><script>i.src=u;a.url(x)</script>')).toEqual([]);
    const rules = (s: string) => findExternalReferences(s).map((r) => r.rule);
    expect(rules('<img src=/x.png>')).toEqual(['src= that is not data:']);
    expect(rules('<style>a{background:url(/x.png)}</style>')).toEqual(['CSS url() that is not data:']);
    expect(rules('<style>@import "x.css";</style>')).toEqual(['CSS @import']);
    expect(rules('fetch("http://x")')).toEqual(['absolute http:// URL']);
  });
});
