/**
 * Helpers for the dataset tests: each failing case copies the real data folder into a
 * temporary folder, breaks one thing in it, and validates the copy.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type Document } from 'yaml';
import type { ValidationReport } from '../../src/validate/validate-dataset.ts';
import type { Problem } from '../../src/problems.ts';
import type { CheckResult, Rule } from '../../src/validate/reconcile.ts';

/** The real, committed data folder. */
export const REAL_DATA = fileURLToPath(new URL('../../data/', import.meta.url));
/** Small data fixtures of these tests. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/data/', import.meta.url));

/** The files of the data folder, relative to it, as problems name them after `errorsOf`. */
export const FY2021 = 'documents/fy2021-points.yaml';
export const FY2024 = 'documents/fy2024-points.yaml';
export const FY2026 = 'documents/fy2026-points.yaml';
export const REFERENCE = 'reference.yaml';
export const MAPPING = 'project-mapping.yaml';

export const ALL_RULES = [
  'ministries-sum',
  'supplementary-total',
  'project-split',
  'projects-scope-total',
  'programs-sum',
  'change-amount',
  'change-percent',
  'adjustment-share',
  'source-text',
] as const satisfies readonly Rule[];

const copies: string[] = [];

/** Copies the real data folder into a fresh temporary folder and returns that folder. */
export async function copyData(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'briefings-data-'));
  copies.push(dir);
  await cp(REAL_DATA, dir, { recursive: true });
  return dir;
}

/** Removes every folder made by copyData; call it from afterAll. */
export async function removeCopies(): Promise<void> {
  const dirs = copies.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Rewrites a data file as text. */
export async function editText(dataDir: string, file: string, edit: (text: string) => string): Promise<void> {
  const full = path.join(dataDir, file);
  await writeFile(full, edit(await readFile(full, 'utf8')));
}

/**
 * Edits a data file through the `yaml` package (parseDocument, setIn, …, toString). The
 * output keeps comments, flow collections and long lines, so line numbers stay where they were.
 */
export async function editYaml(dataDir: string, file: string, edit: (doc: Document) => void): Promise<void> {
  await editText(dataDir, file, (text) => {
    const doc = parseDocument(text);
    edit(doc);
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  });
}

/** Replaces `from` with `to` on one (1-based) line; fails loudly if the line does not hold `from`. */
export function replaceOnLine(text: string, line: number, from: string, to: string): string {
  const lines = text.split('\n');
  const current = lines[line - 1];
  if (current === undefined || !current.includes(from))
    throw new Error(`line ${line} does not contain ${JSON.stringify(from)}: ${JSON.stringify(current)}`);
  lines[line - 1] = current.replace(from, to);
  return lines.join('\n');
}

/** The 1-based line of the n-th line containing `fragment`. */
export function lineOf(text: string, fragment: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.includes(fragment) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`${JSON.stringify(fragment)} does not occur ${occurrence} time(s)`);
}

/** Reads a data file of a (copied) data folder. */
export function readData(dataDir: string, file: string): Promise<string> {
  return readFile(path.join(dataDir, file), 'utf8');
}

/** File names relative to the data folder, with forward slashes, so tests can compare them. */
function relative(report: ValidationReport, problem: Problem): Problem {
  const rel = path.relative(report.dataDir, problem.file).split(path.sep).join('/');
  return { ...problem, file: rel || '.' };
}

/** The errors of a report, each naming its file relative to the data folder. */
export function errorsOf(report: ValidationReport): Problem[] {
  return report.problems.filter((p) => p.severity === 'error').map((p) => relative(report, p));
}

/** The warnings of a report, each naming its file relative to the data folder. */
export function warningsOf(report: ValidationReport): Problem[] {
  return report.problems.filter((p) => p.severity === 'warning').map((p) => relative(report, p));
}

/** "file:line path", a compact handle on where a problem points. */
export function where(problem: Pick<Problem, 'file' | 'line' | 'path'>): string {
  return `${problem.file}:${problem.line ?? '?'} ${problem.path ?? ''}`.trimEnd();
}

/** The check of one rule at one field path of one document file. */
export function checkAt(report: ValidationReport, file: string, rule: Rule, fieldPath: string): CheckResult | undefined {
  return report.checks.find(
    (c) => c.rule === rule && c.path === fieldPath && c.file === path.join(report.dataDir, file),
  );
}
