import { LineCounter, isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath, type Problem } from '../problems.ts';
import { MINISTRY_CODES } from '../schema/common.ts';
import { unsafeTextProblems } from '../validate/text-safety.ts';
import { NotRegularFile, readRegularFile } from './read-regular-file.ts';

/** Finds the line of a field path in the file it was read from. */
export type Locate = (path: readonly PropertyKey[]) => number | undefined;

export interface DataFile<T> {
  file: string;
  value?: T;
  problems: Problem[];
  locate: Locate;
}

const MAX_FOUND_CHARS = 60;

/** The data files are tens of kilobytes; a file far larger is a mistake, not data. */
export const MAX_DATA_FILE_BYTES = 2 * 1024 * 1024;
/** How many times a YAML file may use an alias (*name); more is how an alias bomb blows up. */
const MAX_ALIAS_COUNT = 100;

function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_FOUND_CHARS ? `${text.slice(0, MAX_FOUND_CHARS)}…` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

async function readText(file: string): Promise<{ text?: string; problem?: Problem }> {
  try {
    const buffer = await readRegularFile(file, MAX_DATA_FILE_BYTES);
    if (buffer.includes(0)) {
      return {
        problem: {
          severity: 'error',
          file,
          message: 'the file holds binary data, not YAML text',
          hint: 'restore the file from version control or re-create it as UTF-8 text',
        },
      };
    }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer) };
    } catch {
      return {
        problem: {
          severity: 'error',
          file,
          message: 'the file is not valid UTF-8 text (it holds bytes no text encoding allows)',
          hint: 'save the file as UTF-8, or restore it from version control',
        },
      };
    }
  } catch (error) {
    if (error instanceof NotRegularFile && error.folder)
      return { problem: { severity: 'error', file, message: 'a folder stands where a file was expected', hint: 'check the path and the file permissions' } };
    if (error instanceof NotRegularFile)
      return { problem: { severity: 'error', file, message: `the file ${error.reason}`, hint: 'data files are ordinary YAML files of a reasonable size; restore it from version control' } };
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EISDIR'
          ? 'a folder stands where a file was expected'
          : code === 'EACCES' || code === 'EPERM'
            ? 'the file cannot be read (permission denied)'
            : `the file cannot be read (${code ?? String(error)})`;
    return {
      problem: { severity: 'error', file, message: reason, hint: 'check the path and the file permissions' },
    };
  }
}

/**
 * Reads a YAML (or JSON, which is YAML) data file and checks it against a zod schema.
 * Every problem carries the file and, where the parser knows it, the line; none is thrown.
 */
export async function readDataFile<S extends z.ZodType>(
  file: string,
  schema: S,
  /** What to do about a value the schema rejects; the default suits the source documents. */
  valueHint = 'correct the value as the document prints it',
  /** Whether its texts are printed (so must be drawable with the bundled fonts); the config's paths are not. */
  printed = true,
): Promise<DataFile<z.infer<S>>> {
  const noLine: Locate = () => undefined;
  const { text, problem } = await readText(file);
  if (text === undefined) return { file, problems: problem ? [problem] : [], locate: noLine };

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locate: Locate = (path) => {
    // A key's own line: where the key is written, not where its (possibly indented) value starts.
    const parent = doc.getIn(path.slice(0, -1) as unknown[], true);
    const last = path.at(-1);
    if (isMap(parent) && last !== undefined) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
    }
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };

  if (doc.errors.length > 0) {
    return {
      file,
      locate,
      problems: doc.errors.map((error) => ({
        severity: 'error',
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
        hint:
          error.code === 'DUPLICATE_KEY'
            ? 'a key appears twice in the same mapping; keep one'
            : 'fix the syntax at this line (indentation, quotes, a missing colon)',
      })),
    };
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package refuses to expand aliases past the count (an alias bomb would take
    // gigabytes); anything else it throws here is a limit of the same kind.
    const aliases = /alias/i.test((error as Error).message);
    return {
      file,
      locate,
      problems: [
        {
          severity: 'error',
          file,
          message: aliases
            ? `the YAML expands its aliases (*name) too many times (more than ${MAX_ALIAS_COUNT}), as an "alias bomb" does`
            : `the YAML cannot be read: ${(error as Error).message.split('\n')[0]}`,
          hint: aliases ? 'write the values out instead of repeating aliases' : 'simplify the file; restore it from version control',
        },
      ],
    };
  }
  if (raw === null || raw === undefined) {
    return {
      file,
      locate,
      problems: [{ severity: 'error', file, message: 'the file is empty', hint: 'restore its content' }],
    };
  }

  const textProblems = unsafeTextProblems(raw, file, locate, { fontCoverage: printed });
  const parsed = schema.safeParse(raw);
  if (parsed.success) return textProblems.length ? { file, problems: textProblems, locate } : { file, value: parsed.data, problems: [], locate };

  const problems = parsed.error.issues.flatMap((i) => innermost(i, raw)).map((issue): Problem => {
    const path = issue.path;
    const found = valueAt(raw, path);
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const inBreakdown = issue.code === 'unrecognized_keys' && path.at(-1) === 'ministries';
    const message = inBreakdown
      ? `unknown ministry code ${unknownKeys.map((k) => `"${k}"`).join(', ')}; expected one of ${MINISTRY_CODES.join(' ')}`
      : issue.code === 'unrecognized_keys'
        ? `unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => `"${k}"`).join(', ')}`
        : `${issue.message}; found ${describeFound(found)}`;
    return {
      severity: 'error',
      file,
      path: formatPath(path.concat(unknownKeys.length === 1 ? [unknownKeys[0] as string] : [])) || '(top level)',
      line: locate(unknownKeys.length === 1 ? [...path, unknownKeys[0] as string] : path),
      message,
      hint: inBreakdown
        ? 'use the one-character codes of the document (こ 総 文 厚 経 内)'
        : issue.code === 'unrecognized_keys'
          ? 'check the spelling against the JSON Schema in data/schema/'
          : valueHint,
    };
  });
  return { file, problems: [...problems, ...textProblems], locate };
}

/**
 * A value that may be a figure or `unknown` fails as a union; where it is written as a figure
 * (an object) the useful errors are those inside it (e.g. "1,238" as the total), not "expected
 * unknown". Those are reported instead, at their own paths.
 */
function innermost(issue: z.core.$ZodIssue, raw: unknown): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || typeof valueAt(raw, issue.path) !== 'object') return [issue];
  const deeper = issue.errors.filter((branch) => branch.some((inner) => inner.path.length > 0));
  if (deeper.length !== 1) return [issue];
  return (deeper[0] ?? []).flatMap((inner) => innermost({ ...inner, path: [...issue.path, ...inner.path] }, raw));
}
