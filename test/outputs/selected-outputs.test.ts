import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { DATA, filesIn, TEMPLATES, tempDir } from '../support/build-helpers.ts';
import { readData } from '../support/outputs-helpers.ts';

describe('outputs chosen in the config', () => {
  it('writes only the JSON when only json is chosen, without a browser, and removes files of formats no longer chosen', async () => {
    const out = tempDir('json-only');
    for (const ext of ['pdf', 'xlsx']) writeFileSync(path.join(out, `trend-fy2021-fy2026.${ext}`), 'stale');
    const [result] = await buildBriefings({ dataDir: DATA, templatesDir: TEMPLATES, outDir: out, names: ['trend-fy2021-fy2026'], outputs: ['json'], browserWSEndpoint: 'ws://127.0.0.1:9/no-browser-here' });
    expect(result?.status, result?.error?.message).toBe('built');
    expect(filesIn(out)).toEqual(['.briefings-manifest.json', 'trend-fy2021-fy2026.json']);
    expect(readData(path.join(out, 'trend-fy2021-fy2026.json')).figures.length).toBeGreaterThan(0);
  }, 120_000);
});
