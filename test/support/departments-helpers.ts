import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Dataset } from '../../src/load/merge-documents.ts';
import { BriefingError } from '../../src/problems.ts';
import { createRenderer } from '../../src/render/handlebars-env.ts';
import { renderBriefing } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import type { BriefingSpec } from '../../src/schema/briefing.ts';
import type { MinistryCode } from '../../src/schema/common.ts';

export const TEMPLATES = path.resolve('templates');

/** A throw-away copy of templates/ in the temp folder, to add or override files in. */
export function copyTemplates(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dept-templates-'));
  cpSync(TEMPLATES, dir, { recursive: true });
  return dir;
}

/** Writes a file (and its folders) inside a templates copy; returns its absolute path. */
export function put(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Edits a file of a templates copy in place; returns its absolute path. */
export function edit(root: string, relative: string, change: (source: string) => string): string {
  const file = path.join(root, relative);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  return file;
}

/** The FY2026 vs FY2025 ministry edition of a ministry, made for a department. */
export function ministrySpec(department: string, ministry: MinistryCode): BriefingSpec {
  return { name: `${department}-fy2026-vs-fy2025`, kind: 'ministry-edition', ministry, department, fiscalYear: 2026, baseFiscalYear: 2025 };
}

export function yearComparisonSpec(department: string): BriefingSpec {
  return { name: `${department}-fy2026-vs-fy2025`, kind: 'year-comparison', department, fiscalYear: 2026, baseFiscalYear: 2025 };
}

/** Renders one briefing to HTML with the templates of a department (no browser). */
export async function renderHtml(dataset: Dataset, spec: BriefingSpec, dir = TEMPLATES, department?: string): Promise<string> {
  const templates = await loadTemplateSet(dir, department);
  return (await renderBriefing(dataset, spec, templates, createRenderer(templates))).html;
}

/** The texts of the <h2> headings, in document order. */
export function h2s(html: string): string[] {
  return [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1] ?? '');
}

/** The <section> whose <h2> contains the given text (up to the next <section>). */
export function sectionWithHeading(html: string, heading: string): string {
  const found = html.split('<section').find((part) => (/<h2[^>]*>([^<]*)<\/h2>/.exec(part)?.[1] ?? '').includes(heading));
  if (found === undefined) throw new Error(`no section headed "${heading}"; headings: ${h2s(html).join(' | ')}`);
  return found;
}

export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** Awaits a promise that must fail with a BriefingError, and returns it for closer checks. */
export async function briefingError(promise: Promise<unknown>): Promise<BriefingError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BriefingError);
    return error as BriefingError;
  }
  throw new Error('expected a BriefingError, but nothing was thrown');
}

/** The text of a PDF as drawn, with all white space removed (wrapped sentences stay whole). */
export function pdfCompactText(file: string): string {
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const rows = out.split('\n').map((line) => /^([^:]+):\s*(.*)$/.exec(line));
  return Object.fromEntries(rows.filter((m): m is RegExpExecArray => m !== null).map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** Collects what the CLI writes, for `main(argv, io)`. */
export function captureIo(): { out: string[]; err: string[]; io: { out: (t: string) => void; err: (t: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}
