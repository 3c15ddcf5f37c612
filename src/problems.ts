/**
 * Problems are for people: each says where (file, field path, line), what was expected,
 * what was found and what to do. They are collected, never thrown one at a time.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  file: string;
  /** Dotted field path inside the file, e.g. budgets[0].scopes.amed.total */
  path?: string;
  line?: number;
  message: string;
  hint?: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function formatProblem(problem: Problem): string {
  const where = [problem.file + (problem.line === undefined ? '' : `:${problem.line}`)];
  if (problem.path) where.push(problem.path);
  const hint = problem.hint ? `\n    → ${problem.hint}` : '';
  return `${where.join(' ')}: ${problem.message}${hint}`;
}

export const isError = (p: Problem): boolean => p.severity === 'error';

/**
 * The one error type the CLI turns into a message and an exit code instead of a stack trace.
 * `code` picks the exit code; everything else is a bug and keeps its stack.
 */
export type ErrorCode = 'data' | 'template' | 'render' | 'browser' | 'usage' | 'output' | 'interrupted';

export class BriefingError extends Error {
  override readonly name = 'BriefingError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
