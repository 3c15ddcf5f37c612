import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
// The job summary script is plain JavaScript run by the workflow itself.
// @ts-expect-error -- a .mjs file without type declarations
import { buildSummaryMarkdown } from '../../.github/scripts/build-summary.mjs';
import { ROOT } from '../support/build-helpers.ts';

/** The parts of a GitHub Actions workflow these checks read. */
const Step = z.looseObject({ uses: z.string().optional(), run: z.string().optional(), if: z.string().optional(), with: z.record(z.string(), z.unknown()).optional() });
const Job = z.looseObject({ 'timeout-minutes': z.number().optional(), permissions: z.record(z.string(), z.string()).optional(), steps: z.array(Step) });
const Workflow = z.looseObject({
  on: z.looseObject({ push: z.looseObject({ paths: z.array(z.string()) }) }),
  permissions: z.record(z.string(), z.string()),
  jobs: z.record(z.string(), Job),
});

const FILE = path.join(ROOT, '.github', 'workflows', 'briefings.yml');
const workflow = Workflow.parse(parse(readFileSync(FILE, 'utf8')));
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const stepsUsing = (action: string) => steps.filter((s) => s.uses?.startsWith(`${action}@`));

/** The oldest major of each action that runs on Node 24 (the Node 20 runtime is retired on runners). */
const NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/cache/restore': 5,
  'actions/cache/save': 5,
  'actions/cache': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
};

describe('the example CI workflow', () => {
  it('runs when anything that makes a PDF changes: data, templates, the code, the dependencies, the workflow', () => {
    for (const p of ['data/**', 'templates/**', 'src/**', 'bin/**', 'briefings.config.yaml', 'package.json', 'package-lock.json', '.github/workflows/briefings.yml'])
      expect(workflow.on.push.paths, p).toContain(p);
  });

  it('asks for least permissions: read the repository, and earlier runs only where it downloads their artifacts', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(workflow.jobs))
      for (const [scope, level] of Object.entries(job.permissions ?? {})) expect(`${name}: ${scope}: ${level}`).toMatch(/: read$/);
  });

  it('bounds every job with a time-out', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) expect(job['timeout-minutes'], name).toBeGreaterThan(0);
  });

  it('uses a supported Node (22 or newer) and action versions that run on Node 24', () => {
    for (const s of stepsUsing('actions/setup-node')) expect(Number(s.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    for (const s of steps.filter((x) => x.uses)) {
      const [action = '', version = ''] = (s.uses ?? '').split('@');
      const major = Number(/^v(\d+)/.exec(version)?.[1]);
      if (action in NODE24_MAJOR) expect(major, s.uses).toBeGreaterThanOrEqual(NODE24_MAJOR[action] ?? 0);
    }
  });

  it('keeps the PDFs and the cache when some briefings fail', () => {
    const build = workflow.jobs.build;
    expect(build).toBeDefined();
    const uploads = build!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const saves = build!.steps.filter((s) => s.uses?.startsWith('actions/cache/save@'));
    expect(uploads.length).toBeGreaterThan(0);
    expect(saves.length).toBeGreaterThan(0);
    for (const s of [...uploads, ...saves]) expect(s.if, s.uses).toBe('always()');
  });

  it('writes what was built, skipped and failed into the job summary, also after a failure', () => {
    const summary = workflow.jobs.build!.steps.find((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'));
    expect(summary?.if).toBe('always()');
    expect(summary?.run).toContain('.github/scripts/build-summary.mjs');
  });
});

describe('the job summary', () => {
  it('lists each briefing with its status and the reason of a failure', () => {
    const markdown: string = buildSummaryMarkdown([
      {
        title: 'shard 1',
        summary: {
          exitCode: 2,
          built: 1,
          skipped: 1,
          failed: 1,
          briefings: [
            { name: 'fy2026-vs-fy2025', status: 'built', pages: 6, error: null },
            { name: 'trend-fy2021-fy2026', status: 'skipped', pages: 5, error: null },
            { name: 'mhlw-fy2026-vs-fy2025', status: 'failed', pages: null, error: 'templates/departments/mhlw/layout.hbs:3: a | b' },
          ],
        },
      },
    ]);
    expect(markdown).toContain('1 built, 1 up to date, 1 failed (exit code 2)');
    expect(markdown).toContain('| fy2026-vs-fy2025 | ✅ built | 6 |  |');
    expect(markdown).toContain('| trend-fy2021-fy2026 | ⏭️ up to date | 5 |  |');
    expect(markdown).toContain('| mhlw-fy2026-vs-fy2025 | ❌ failed |  | templates/departments/mhlw/layout.hbs:3: a \\| b |');
  });

  it('says so when a shard stopped before writing its summary', () => {
    expect(buildSummaryMarkdown([{ title: 'shard 2', summary: undefined }])).toContain('The build wrote no summary');
  });
});
