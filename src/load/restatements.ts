import { isDeepStrictEqual } from 'node:util';
import { formatPath } from '../problems.ts';

/**
 * Two editions that state the same figures (a new edition's carried-over previous-year column,
 * and the earlier edition's own column) may differ. The later edition wins by default, as a
 * restatement; the later document's `restatements` can pin a figure to the earlier value.
 */

export interface LeafDifference {
  /** Inside the compared value, e.g. ['scopes', 'amed', 'ministries', '厚']. */
  path: string[];
  earlier: unknown;
  later: unknown;
}

/** Leaves (numbers, strings, whole arrays) where two statements of the same figures differ. */
export function leafDifferences(earlier: unknown, later: unknown, path: string[] = []): LeafDifference[] {
  if (isDeepStrictEqual(earlier, later)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(earlier) && isObject(later)) {
    const keys = new Set([...Object.keys(earlier), ...Object.keys(later)]);
    return [...keys].flatMap((k) => leafDifferences(earlier[k], later[k], [...path, k]));
  }
  return [{ path, earlier, later }];
}

/** A copy of `value` with the leaf at `path` replaced (or removed, for undefined). */
export function withLeaf<T extends object>(value: T, path: readonly string[], leaf: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) {
    if (leaf === undefined) delete copy[head];
    else copy[head] = leaf;
  } else copy[head] = withLeaf((copy[head] ?? {}) as object, rest, leaf);
  return copy as T;
}

/** The field path of a leaf in its document, as validate and `restatements[].path` write it. */
export function documentPath(prefix: readonly PropertyKey[], leaf: LeafDifference): string {
  return formatPath([...prefix, ...leaf.path]);
}

export const describeValue = (value: unknown): string => (value === undefined ? 'not stated' : JSON.stringify(value));
