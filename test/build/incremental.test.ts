import { appendFileSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefings, type BriefingResult, type BuildOptions } from '../../src/build/build-briefings.ts';
import { MANIFEST_FILE, readManifest } from '../../src/build/manifest.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { append, copyData, copyTemplates, filesIn, ROOT, sha256, tempDir } from '../support/build-helpers.ts';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'data');

/**
 * One output folder built again and again while its inputs change; each step checks what was
 * rebuilt. The steps run in order and build on each other. One Chromium for the whole file.
 */
const NAMES = ['fy2024-vs-fy2023', 'mext-fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025'];
const session = new BrowserSession();
const data = copyData();
const templates = copyTemplates();
const out = tempDir('incremental');
const env: NodeJS.ProcessEnv = { ...process.env, SOURCE_DATE_EPOCH: '' };

const build = (extra: Partial<BuildOptions> = {}): Promise<BriefingResult[]> =>
  buildBriefings({ dataDir: data, templatesDir: templates, outDir: out, names: NAMES, session, env, ...extra });

/** name → status, in the order of NAMES. */
const statuses = (results: readonly BriefingResult[]) => Object.fromEntries(NAMES.map((n) => [n, results.find((r) => r.name === n)?.status]));
const only = (...rebuilt: string[]) => Object.fromEntries(NAMES.map((n) => [n, rebuilt.includes(n) ? 'built' : 'skipped']));
const everything = only(...NAMES);
const pdf = (name: string) => path.join(out, `${name}.pdf`);

let first: BriefingResult[] = [];
beforeAll(async () => {
  first = await build();
});
afterAll(() => session.close());

describe('incremental builds', () => {
  it('builds everything into an empty folder', () => {
    expect(first.map((r) => [r.name, r.status, r.error?.message])).toEqual([
      ['fy2024-vs-fy2023', 'built', undefined],
      ['cao-fy2026-vs-fy2025', 'built', undefined],
      ['mext-fy2026-vs-fy2025', 'built', undefined],
    ]);
    expect(filesIn(out)).toEqual([MANIFEST_FILE, ...NAMES.flatMap((n) => ['pdf', 'xlsx', 'json'].map((ext) => `${n}.${ext}`))].sort());
  });

  it('records each PDF in the manifest: input hash, sha256, pages, bytes, file', async () => {
    const manifest = await readManifest(out);
    expect(Object.keys(manifest.briefings)).toEqual([...NAMES].sort());
    for (const r of first) {
      const entry = manifest.briefings[r.name];
      expect(entry, r.name).toEqual({ inputHash: expect.stringMatching(/^[0-9a-f]{64}$/), sha256: r.sha256, pages: r.pages, bytes: r.bytes, file: `${r.name}.pdf` });
      expect(sha256(pdf(r.name)), r.name).toBe(entry?.sha256);
    }
    expect(new Set(Object.values(manifest.briefings).map((e) => e.inputHash)).size).toBe(3);
  });

  it('skips everything when nothing changed, without starting a browser', async () => {
    const fresh = new BrowserSession();
    const started: string[] = [];
    const results = await build({ session: fresh, onStart: (s) => void started.push(s.name) });
    expect(statuses(results)).toEqual(only());
    expect(fresh.started).toBe(false);
    expect(started).toEqual([]);
    // A skipped result still tells where the PDF is and what it is.
    for (const r of results) {
      const before = first.find((f) => f.name === r.name);
      expect(r).toMatchObject({ file: pdf(r.name), pages: before?.pages, bytes: before?.bytes, sha256: before?.sha256, durationMs: 0 });
    }
  });

  it('does not start a browser of its own either when everything is up to date', async () => {
    // Were a browser started, it would fail: there is none at /nonexistent.
    const saved = process.env.BRIEFINGS_BROWSER;
    process.env.BRIEFINGS_BROWSER = '/nonexistent';
    try {
      const results = await buildBriefings({ dataDir: data, templatesDir: templates, outDir: out, names: NAMES, env });
      expect(statuses(results)).toEqual(only());
    } finally {
      if (saved === undefined) delete process.env.BRIEFINGS_BROWSER;
      else process.env.BRIEFINGS_BROWSER = saved;
    }
  });

  it('rebuilds only the edition whose department folder changed', async () => {
    append(templates, 'departments/mext/department.yaml', '\n# a comment changes the inputs\n');
    expect(statuses(await build())).toEqual(only('mext-fy2026-vs-fy2025'));
    expect(statuses(await build())).toEqual(only());
  });

  it('rebuilds everything when a base template changes', async () => {
    append(templates, 'partials/notes.hbs', '{{!-- a comment changes the inputs --}}\n');
    expect(statuses(await build())).toEqual(everything);
  });

  it('rebuilds only the briefings built from a source document that changes', async () => {
    append(data, 'documents/fy2026-points.yaml', '\n# a comment changes the inputs\n');
    expect(statuses(await build())).toEqual(only('mext-fy2026-vs-fy2025', 'cao-fy2026-vs-fy2025'));
  });

  it('rebuilds nothing when a later edition is added: the briefings stay as published', async () => {
    const added = ['yaml', 'txt'].map((ext) => path.join(data, 'documents', `fy2027-points.${ext}`));
    copyFileSync(path.join(FIXTURES, 'fy2027-edition.yaml'), added[0] as string);
    copyFileSync(path.join(FIXTURES, 'fy2027-edition.txt'), added[1] as string);
    // Department editions now follow FY2027; the FY2026 ones are kept by naming them in the config.
    const kept = (department: string, ministry: '文' | '内'): BriefingSpec => ({
      name: `${department}-fy2026-vs-fy2025`, kind: 'ministry-edition', ministry, department, fiscalYear: 2026, baseFiscalYear: 2025,
    });
    expect(statuses(await build({ briefings: [...BASE_BRIEFINGS, kept('mext', '文'), kept('cao', '内')] }))).toEqual(only());
    for (const file of added) rmSync(file);
  });

  it('rebuilds everything when a data file shared by all changes', async () => {
    append(data, 'reference.yaml', '\n# a comment changes the inputs\n');
    expect(statuses(await build())).toEqual(everything);
  });

  it('rebuilds a PDF that was deleted or altered, and only that one', async () => {
    rmSync(pdf('cao-fy2026-vs-fy2025'));
    appendFileSync(pdf('fy2024-vs-fy2023'), '\n');
    const results = await build();
    expect(statuses(results)).toEqual(only('cao-fy2026-vs-fy2025', 'fy2024-vs-fy2023'));
    const manifest = await readManifest(out);
    for (const name of NAMES) expect(sha256(pdf(name)), name).toBe(manifest.briefings[name]?.sha256);
  });

  it('rebuilds everything with force', async () => {
    expect(statuses(await build({ force: true }))).toEqual(everything);
    expect(statuses(await build())).toEqual(only());
  });

  it('rebuilds everything when SOURCE_DATE_EPOCH changes, and the date goes into the PDF', async () => {
    const before = sha256(pdf('fy2024-vs-fy2023'));
    const results = await build({ env: { ...env, SOURCE_DATE_EPOCH: '1767225600' } });
    expect(statuses(results)).toEqual(everything);
    expect(sha256(pdf('fy2024-vs-fy2023'))).not.toBe(before);
    expect(statuses(await build({ env: { ...env, SOURCE_DATE_EPOCH: '1767225600' } }))).toEqual(only());
  });

  it('keeps the entries of briefings it did not build this time', async () => {
    await build({ names: ['fy2024-vs-fy2023'], force: true });
    expect(Object.keys((await readManifest(out)).briefings)).toEqual([...NAMES].sort());
    expect(existsSync(path.join(out, MANIFEST_FILE))).toBe(true);
  });
});
