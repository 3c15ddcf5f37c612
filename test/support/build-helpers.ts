import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { BriefingError } from '../../src/problems.ts';

/** The repository root (vitest may be started from elsewhere). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DATA = path.join(ROOT, 'data');
export const TEMPLATES = path.join(ROOT, 'templates');

/** A fresh empty folder in the temp folder. */
export const tempDir = (prefix: string): string => mkdtempSync(path.join(os.tmpdir(), `build-${prefix}-`));

/** A throw-away copy of data/ or templates/, to change files in. */
export function copyOf(source: string, prefix: string): string {
  const dir = tempDir(prefix);
  cpSync(source, dir, { recursive: true });
  return dir;
}

export const copyData = (): string => copyOf(DATA, 'data');
export const copyTemplates = (): string => copyOf(TEMPLATES, 'templates');

/** Appends text to a file of a temp copy; returns its absolute path. */
export function append(root: string, relative: string, text: string): string {
  const file = path.join(root, relative);
  appendFileSync(file, text);
  return file;
}

/** Edits a file of a temp copy in place; fails when the edit changes nothing. */
export function edit(root: string, relative: string, change: (source: string) => string): string {
  const file = path.join(root, relative);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${relative} changed nothing`);
  writeFileSync(file, after);
  return file;
}

export const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The files of a folder (not below it), sorted; none when it does not exist. */
export const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Collects what the CLI writes, for `main(argv, io)`. */
export function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
}

/** Runs something that must fail with a BriefingError, and returns the error for closer checks. */
export async function briefingError(run: () => unknown): Promise<BriefingError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(BriefingError);
    return error as BriefingError;
  }
  throw new Error('expected a BriefingError, but nothing was thrown');
}
