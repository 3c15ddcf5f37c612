import { formatPath, type Problem } from '../problems.ts';
import { PAGE_FONT_FAMILY } from '../print/page-routes.ts';
import { bundledCoverage } from './font-coverage.ts';

type Locate = (path: readonly PropertyKey[]) => number | undefined;

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'DEL',
  0x85: 'next line',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
};

/**
 * Bidirectional controls reorder the text around them (U+202E shows 1,238億円 as 円億832,1), and
 * other invisible format characters hide what the text says; neither belongs in a figure's label.
 */
function isInvisibleFormat(c: number): boolean {
  return c === 0x061c || c === 0x00ad || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c === 0xfeff;
}

/** Control characters, except the line feed of a text written over several lines. */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
}

/** What is wrong with one character of data text, or undefined when it is fine. */
function describe(ch: string, coverage: Set<number> | undefined): string | undefined {
  const c = ch.codePointAt(0) ?? 0;
  if (c === 0x0a) return undefined;
  if (isControl(c)) return `the control character ${hex(c)}${CONTROL_NAMES[c] ? ` (${CONTROL_NAMES[c]})` : ''}`;
  if (isInvisibleFormat(c)) return `the invisible formatting character ${hex(c)}${c >= 0x202a && c <= 0x202e ? ' (a bidirectional override)' : c >= 0x2066 && c <= 0x2069 ? ' (a bidirectional isolate)' : ''}, which can reorder or hide the text around it`;
  if (coverage && !coverage.has(c)) return `"${ch}" (${hex(c)}), which the bundled font (${PAGE_FONT_FAMILY}) cannot show`;
  return undefined;
}

/**
 * Every text of a data file (values and keys) must print as written in every place it lands:
 * HTML, CSS strings, chart SVG and the PDF's metadata. Control characters, bidirectional
 * controls and characters the bundled fonts do not have are refused here, with the field and line.
 */
export function unsafeTextProblems(raw: unknown, file: string, locate: Locate, options: { fontCoverage: boolean } = { fontCoverage: true }): Problem[] {
  const coverage = options.fontCoverage ? bundledCoverage() : undefined;
  const problems: Problem[] = [];
  const check = (text: string, at: PropertyKey[], what: 'text' | 'key') => {
    const found = [...new Set([...text].map((ch) => describe(ch, coverage)).filter((d): d is string => d !== undefined))];
    if (found.length === 0) return;
    problems.push({
      severity: 'error',
      file,
      path: formatPath(at) || '(top level)',
      line: locate(at),
      message: `the ${what} contains ${found.slice(0, 3).join('; ')}${found.length > 3 ? ` and ${found.length - 3} more` : ''}`,
      hint: found.some((f) => f.includes('cannot show'))
        ? `write the text with characters ${PAGE_FONT_FAMILY} has (Japanese, Latin, common symbols), or leave the character out`
        : 'remove it (retype the text if it was pasted); write the text as the document prints it',
    });
  };
  const walk = (value: unknown, at: PropertyKey[]) => {
    if (typeof value === 'string') check(value, at, 'text');
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i]));
    else if (value !== null && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) {
        check(key, [...at, key], 'key');
        walk(child, [...at, key]);
      }
  };
  walk(raw, []);
  return problems;
}
