import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayableStamp, stampDigest, type StampOptions } from '../../src/build/build-stamp.ts';
import { readManifest, recordStamp, updateManifest, type BuildStamp } from '../../src/build/manifest.ts';
import { append, copyData, copyTemplates, sha256, tempDir } from '../support/build-helpers.ts';

/**
 * The no-op build answers from a stamp of the last complete build: these check when the stamp
 * may answer (nothing read has changed, every file is still as written) and when it must not.
 */
const options: StampOptions = { outputs: ['pdf', 'xlsx', 'json'], prune: true };
const env = { SOURCE_DATE_EPOCH: '' };
const outputsOf = (name: string) => [`${name}.pdf`, `${name}.xlsx`, `${name}.json`];

/** An output folder as a complete build of one briefing leaves it, with its stamp. */
async function builtFolder(digest: string): Promise<{ out: string; stamp: BuildStamp }> {
  const out = tempDir('stamp');
  for (const file of outputsOf('fy2026-vs-fy2025')) writeFileSync(path.join(out, file), `contents of ${file}`);
  await updateManifest(out, {
    'fy2026-vs-fy2025': { inputHash: 'h1', sha256: sha256(path.join(out, 'fy2026-vs-fy2025.pdf')), pages: 2, bytes: 20, file: 'fy2026-vs-fy2025.pdf' },
  });
  const stamp: BuildStamp = {
    digest,
    all: ['fy2026-vs-fy2025', 'trend-fy2021-fy2026'],
    plan: [{ name: 'fy2026-vs-fy2025', kind: 'year-comparison', fiscalYear: 2026, baseFiscalYear: 2025 }],
    inputHashes: { 'fy2026-vs-fy2025': 'h1' },
    restated: [{ name: 'fy2026-vs-fy2025', messages: ['a restated figure'] }],
  };
  await recordStamp(out, stamp, 8);
  return { out, stamp };
}

describe('the digest of a build', () => {
  const data = copyData();
  const templates = copyTemplates();

  it('is the same for the same files and options', async () => {
    expect(await stampDigest(data, templates, env, options)).toBe(await stampDigest(data, templates, env, options));
  });

  it('changes with any byte of the data or of any department folder', async () => {
    const before = await stampDigest(data, templates, env, options);
    append(data, 'reference.yaml', '\n# a comment\n');
    const afterData = await stampDigest(data, templates, env, options);
    append(templates, 'departments/mext/department.yaml', '\n# a comment\n');
    const afterDepartment = await stampDigest(data, templates, env, options);
    expect(new Set([before, afterData, afterDepartment]).size).toBe(3);
  });

  it('changes with the options that choose or shape the briefings, and with SOURCE_DATE_EPOCH', async () => {
    const base = await stampDigest(data, templates, env, options);
    const variants = await Promise.all([
      stampDigest(data, templates, env, { ...options, names: ['fy2026-vs-fy2025'] }),
      stampDigest(data, templates, env, { ...options, outputs: ['pdf'] }),
      stampDigest(data, templates, env, { ...options, selection: { department: 'mext' } }),
      stampDigest(data, templates, env, { ...options, departmentEditions: false }),
      stampDigest(data, templates, { SOURCE_DATE_EPOCH: '1767225600' }, options),
    ]);
    expect(new Set([base, ...variants]).size).toBe(6);
  });
});

describe('a stamp answers a build', () => {
  it('when its digest matches and every file it recorded is on disk as written', async () => {
    const { out, stamp } = await builtFolder('d1');
    expect(await replayableStamp(await readManifest(out), out, 'd1', outputsOf, true)).toEqual(stamp);
  });

  it('not for another digest', async () => {
    const { out } = await builtFolder('d1');
    expect(await replayableStamp(await readManifest(out), out, 'd2', outputsOf, true)).toBeUndefined();
  });

  it('not when a PDF was altered or a companion file removed', async () => {
    const altered = await builtFolder('d1');
    writeFileSync(path.join(altered.out, 'fy2026-vs-fy2025.pdf'), 'edited by hand');
    expect(await replayableStamp(await readManifest(altered.out), altered.out, 'd1', outputsOf, true)).toBeUndefined();

    const removed = await builtFolder('d1');
    rmSync(path.join(removed.out, 'fy2026-vs-fy2025.xlsx'));
    expect(await replayableStamp(await readManifest(removed.out), removed.out, 'd1', outputsOf, true)).toBeUndefined();
  });

  it('not when another build has since replaced the briefing in the manifest', async () => {
    const { out } = await builtFolder('d1');
    const manifest = await readManifest(out);
    const entry = manifest.briefings['fy2026-vs-fy2025'];
    if (!entry) throw new Error('the fixture records fy2026-vs-fy2025');
    await updateManifest(out, { 'fy2026-vs-fy2025': { ...entry, inputHash: 'h2' } });
    expect(await replayableStamp(await readManifest(out), out, 'd1', outputsOf, true)).toBeUndefined();
  });

  it('not when the folder holds a briefing due for pruning, unless pruning is off', async () => {
    const { out } = await builtFolder('d1');
    await updateManifest(out, { 'removed-briefing': { inputHash: 'x', sha256: 'y', pages: 1, bytes: 1, file: 'removed-briefing.pdf' } });
    expect(await replayableStamp(await readManifest(out), out, 'd1', outputsOf, true)).toBeUndefined();
    expect(await replayableStamp(await readManifest(out), out, 'd1', outputsOf, false)).toBeDefined();
  });
});

describe('stamps in the manifest', () => {
  it('keep the newest few, one per digest, and survive later manifest updates', async () => {
    const out = tempDir('stamps');
    const stamp = (digest: string): BuildStamp => ({ digest, all: [], plan: [], inputHashes: {}, restated: [] });
    for (const d of ['a', 'b', 'c', 'b']) await recordStamp(out, stamp(d), 2);
    await updateManifest(out, {});
    expect((await readManifest(out)).stamps?.map((s) => s.digest)).toEqual(['b', 'c']);
  });

  it('a stamp this version cannot read costs a full build, not the manifest', async () => {
    const out = tempDir('stamps-foreign');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, '.briefings-manifest.json'),
      JSON.stringify({ version: 1, briefings: { a: { inputHash: 'h', sha256: 's', pages: 1, bytes: 1, file: 'a.pdf' } }, stamps: [{ digest: 1 }] }),
    );
    const manifest = await readManifest(out);
    expect(Object.keys(manifest.briefings)).toEqual(['a']);
    expect(manifest.stamps).toBeUndefined();
  });
});
