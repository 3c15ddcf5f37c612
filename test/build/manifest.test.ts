import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { makeInputHasher, toolFingerprint } from '../../src/build/input-hash.ts';
import { isUpToDate, MANIFEST_FILE, readManifest, updateManifest, type ManifestEntry } from '../../src/build/manifest.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { append, copyData, copyTemplates, DATA, filesIn, ROOT, TEMPLATES, tempDir } from '../support/build-helpers.ts';

const entry = (file: string, bytes: Buffer, inputHash = 'h1'): ManifestEntry => ({
  inputHash,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  pages: 3,
  bytes: bytes.byteLength,
  file,
});

describe('the manifest', () => {
  it('is empty when there is none, or when it cannot be read', async () => {
    const out = tempDir('manifest');
    expect(await readManifest(out)).toEqual({ version: 1, briefings: {} });
    writeFileSync(path.join(out, MANIFEST_FILE), '{ not json');
    expect(await readManifest(out)).toEqual({ version: 1, briefings: {} });
    writeFileSync(path.join(out, MANIFEST_FILE), JSON.stringify({ version: 2, briefings: {} }));
    expect(await readManifest(out)).toEqual({ version: 1, briefings: {} });
    expect(await readManifest(path.join(out, 'missing'))).toEqual({ version: 1, briefings: {} });
  });

  it('merges each update into what is on disk (shards sharing out/ keep each other’s entries), sorted by name', async () => {
    const out = tempDir('manifest');
    const a = entry('a.pdf', Buffer.from('a'));
    const b = entry('b.pdf', Buffer.from('b'));
    await updateManifest(out, { b });
    await updateManifest(out, { a });
    await updateManifest(out, { b: { ...b, inputHash: 'h2' } });
    const text = readFileSync(path.join(out, MANIFEST_FILE), 'utf8');
    expect(JSON.parse(text)).toEqual({ version: 1, briefings: { a, b: { ...b, inputHash: 'h2' } } });
    expect(Object.keys((await readManifest(out)).briefings)).toEqual(['a', 'b']);
    expect(text.endsWith('}\n')).toBe(true);
    // Written atomically: no temporary file is left beside it.
    expect(filesIn(out)).toEqual([MANIFEST_FILE]);
  });

  it('calls a PDF up to date only with the same input hash and the very bytes that were built', async () => {
    const out = tempDir('manifest');
    const bytes = Buffer.from('%PDF-1.7 pretend');
    writeFileSync(path.join(out, 'x.pdf'), bytes);
    const e = entry('x.pdf', bytes);
    expect(await isUpToDate(out, e, 'h1')).toBe(true);
    expect(await isUpToDate(out, e, 'h2')).toBe(false);
    expect(await isUpToDate(out, undefined, 'h1')).toBe(false);
    writeFileSync(path.join(out, 'x.pdf'), Buffer.concat([bytes, Buffer.from('\n')]));
    expect(await isUpToDate(out, e, 'h1')).toBe(false);
    expect(await isUpToDate(out, { ...e, file: 'gone.pdf' }, 'h1')).toBe(false);
  });
});

describe('the input hash of a briefing', () => {
  const base = BASE_BRIEFINGS[0] as BriefingSpec;
  const mext: BriefingSpec = { name: 'mext-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: '文', department: 'mext', fiscalYear: 2026, baseFiscalYear: 2025 };
  const cao: BriefingSpec = { name: 'cao-fy2026-vs-fy2025', kind: 'ministry-edition', ministry: '内', department: 'cao', fiscalYear: 2026, baseFiscalYear: 2025 };
  const env = { SOURCE_DATE_EPOCH: '' };
  const hashes = async (data: string, templates: string, e: NodeJS.ProcessEnv = env) => {
    const hash = await makeInputHasher(data, templates, e);
    return { base: await hash(base), mext: await hash(mext), cao: await hash(cao) };
  };

  it('is a sha256, stable for the same inputs and different per briefing', async () => {
    const one = await hashes(DATA, TEMPLATES);
    expect(one.base).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashes(DATA, TEMPLATES)).toEqual(one);
    expect(new Set(Object.values(one)).size).toBe(3);
  });

  it('does not depend on where the data and templates are, only on what they hold', async () => {
    expect(await hashes(copyData(), copyTemplates())).toEqual(await hashes(DATA, TEMPLATES));
  });

  it('changes for one department edition only when that department’s folder changes', async () => {
    const templates = copyTemplates();
    const before = await hashes(DATA, templates);
    append(templates, 'departments/mext/department.yaml', '\n# changed\n');
    const after = await hashes(DATA, templates);
    expect(after.mext).not.toBe(before.mext);
    expect(after.cao).toBe(before.cao);
    expect(after.base).toBe(before.base);
  });

  it('changes for every briefing when a base template, a data file or SOURCE_DATE_EPOCH changes', async () => {
    const templates = copyTemplates();
    const data = copyData();
    const first = await hashes(data, templates);
    append(templates, 'partials/notes.hbs', '{{!-- changed --}}\n');
    const second = await hashes(data, templates);
    append(data, 'documents/fy2026-points.yaml', '\n# changed\n');
    const third = await hashes(data, templates);
    const fourth = await hashes(data, templates, { SOURCE_DATE_EPOCH: '1700000000' });
    for (const key of ['base', 'mext', 'cao'] as const) {
      expect(new Set([first[key], second[key], third[key], fourth[key]]).size, key).toBe(4);
    }
  });

  it('changes when a file is added or renamed, not only when one is edited', async () => {
    const templates = copyTemplates();
    const before = await hashes(DATA, templates);
    writeFileSync(path.join(templates, 'partials', 'extra.hbs'), '');
    expect((await hashes(DATA, templates)).base).not.toBe(before.base);
  });
});

describe('the tool fingerprint', () => {
  it("changes when a file of the tool's own code changes, so that a code fix rebuilds the PDFs", async () => {
    const code = path.join(tempDir('tool-code'), 'src');
    cpSync(path.join(ROOT, 'src'), code, { recursive: true });
    const before = await toolFingerprint(code);
    expect(await toolFingerprint(code)).toBe(before);
    append(code, 'format/number.ts', '\n// a fix to number formatting\n');
    expect(await toolFingerprint(code)).not.toBe(before);
  });
});
