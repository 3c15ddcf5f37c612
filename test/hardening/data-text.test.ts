import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefings } from '../../src/build/build-briefings.ts';
import { BASE_BRIEFINGS } from '../../src/schema/base-briefings.ts';
import { formatOku, formatOkuChange, formatPercentChange, formatShare } from '../../src/format/number.ts';
import { loadDataset, validateDataset } from '../../src/validate/validate-dataset.ts';
import { BrowserSession } from '../../src/print/browser-session.ts';
import { BriefingError, formatProblem, type Problem } from '../../src/problems.ts';
import { cssString } from '../../src/render/css-string.ts';
import { unsafeTextProblems } from '../../src/validate/text-safety.ts';
import { createRenderer } from '../../src/render/handlebars-env.ts';
import { renderBriefing } from '../../src/render/render-briefing.ts';
import { loadTemplateSet } from '../../src/render/template-set.ts';
import { startPreview } from '../../src/preview/preview-server.ts';
import { copyOf, DATA, removeTempDirs, runCli, STACK_LINE, TEMPLATES, tempDir } from '../support/hardening-helpers.ts';

afterAll(removeTempDirs);

/**
 * Data text lands in HTML, CSS strings, chart SVG and PDF metadata. Whatever a data file holds,
 * it must print as written, or be refused by validation with the file, field and line.
 */
const REFERENCE = 'reference.yaml';
const FY2026 = path.join('documents', 'fy2026-points.yaml');

/** A copy of data/ with one file's text changed. */
function dataWith(file: string, change: (source: string) => string): string {
  const dir = copyOf(DATA, 'data-text');
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the change to ${file} matched nothing; update the test`);
  writeFileSync(target, after);
  return dir;
}

/** The name of the 3rd-period pharmaceuticals project, replaced (a YAML double-quoted scalar, so escapes work). */
const withProjectName = (yamlScalar: string) =>
  dataWith(REFERENCE, (s) => s.replace(/(id: p3-pharmaceuticals\n(?:[ \t]+\w+: .*\n)*?[ \t]+name: ).*/, `$1${yamlScalar}`));

const errorsOf = async (dir: string): Promise<Problem[]> => (await validateDataset(dir)).problems.filter((p) => p.severity === 'error');

describe('characters that would not print as written are refused by validation', () => {
  it.each([
    ['a form feed (a newline to CSS)', '"医薬品\\fプロジェクト"', /U\+000C \(form feed\)/],
    ['a vertical tab', '"医薬品\\vプロジェクト"', /U\+000B \(vertical tab\)/],
    ['a NUL', '"医薬品\\0プロジェクト"', /U\+0000 \(NUL\)/],
    ['a tab', '"医薬品\\tプロジェクト"', /U\+0009 \(tab\)/],
    ['an escape character', '"医薬品\\eプロジェクト"', /U\+001B \(escape\)/],
    ['a right-to-left override (U+202E)', '"医薬品\\u202Eプロジェクト"', /U\+202E \(a bidirectional override\)/],
    ['a right-to-left isolate (U+2067)', '"医薬品\\u2067プロジェクト"', /U\+2067 \(a bidirectional isolate\)/],
    ['a left-to-right mark (U+200E)', '"医薬品\\u200Eプロジェクト"', /U\+200E/],
    ['Hangul', '"의약품 프로젝트"', /"의" \(U\+C758\), which the bundled font \(Noto Sans JP\) cannot show/],
    ['Arabic', '"مشروع الأدوية"', /\(U\+0645\), which the bundled font/],
    ['an emoji', '"医薬品プロジェクト 💊"', /"💊" \(U\+1F48A\), which the bundled font/],
  ])('%s in a project name: named with the file, field path and line', async (_what, scalar, reason) => {
    const dir = withProjectName(scalar);
    const errors = await errorsOf(dir);
    expect(errors).toHaveLength(1);
    const [error] = errors as [Problem];
    expect(error.file).toBe(path.join(dir, REFERENCE));
    expect(error.path).toMatch(/^projects\[\d+\]\.name$/);
    const line = readFileSync(path.join(dir, REFERENCE), 'utf8').split('\n').findIndex((l) => l.includes(scalar)) + 1;
    expect(error.line).toBe(line);
    expect(error.message).toMatch(reason);
  });

  it('refuses the same in the config, where the build stops with exit 64', { timeout: 60_000 }, async () => {
    const dir = tempDir('data-text-config');
    const config = path.join(dir, 'briefings.config.yaml');
    writeFileSync(config, `data: "${DATA}"\ntemplates: "${TEMPLATES}"\nout: "out\\u202Egpj.pdf"\n`);
    const run = await runCli(['build', '--config', config]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(`${config}:3 out:`);
    expect(run.stderr).toMatch(/U\+202E/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('in the config, whose paths are not printed, only control and formatting characters are refused (a folder may have any name)', () => {
    const config = { out: '/home/사용자/out', data: 'data\u202E' };
    const problems = unsafeTextProblems(config, 'briefings.config.yaml', () => 3, { fontCoverage: false });
    expect(problems.map((p) => p.path)).toEqual(['data']);
  });

  it('allows the line feed of a text written over several lines', async () => {
    const dir = dataWith(REFERENCE, (s) => s.replace(/(id: p3-pharmaceuticals\n(?:[ \t]+\w+: .*\n)*?[ \t]+name: ).*/, '$1"医薬品\\nプロジェクト"'));
    expect(await errorsOf(dir)).toEqual([]);
  });

  it('the real data passes', async () => {
    expect(await errorsOf(DATA)).toEqual([]);
  });
});

describe('characters the bundled fonts cannot show, added by templates', () => {
  it.each([
    ['an emoji in a partial', 'partials/notes.hbs', (s: string) => `${s}<p>💊</p>`, '"💊" (U+1F48A)'],
    ['Hangul in a string table', 'strings/ja.yaml', (s: string) => s.replace(/^(\s+\w+: )(.+)$/m, '$1"$2 한"'), '"한" (U+D55C)'],
    ['Arabic in the stylesheet', 'styles/briefing.css', (s: string) => `${s}\nh1::after { content: "م"; }\n`, '"م" (U+0645)'],
  ])('%s fails the briefing, naming the character and the file', { timeout: 60_000 }, async (_what, relative, change, character) => {
    const dir = copyOf(TEMPLATES, 'page-characters');
    const file = path.join(dir, relative);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, change(before));
    expect(readFileSync(file, 'utf8')).not.toBe(before);
    const { dataset } = await loadDataset(DATA);
    const templates = await loadTemplateSet(dir);
    const spec = BASE_BRIEFINGS.find((b) => b.name === 'fy2026-vs-fy2025');
    if (!spec) throw new Error('fy2026-vs-fy2025 is no longer a base briefing');
    const error = await renderBriefing(dataset, spec, templates, createRenderer(templates)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).message).toContain(character);
    expect((error as BriefingError).message).toContain(file);
    expect((error as BriefingError).message).toMatch(/cannot show/);
  });
});

describe('CSS strings (the running header in @page margin boxes)', () => {
  /** Reads a CSS string token back as CSS Syntax §4.3.5 does (escapes: \\ and 1–6 hex digits, one white space ends them). */
  function readCssString(token: string): string {
    expect(token.startsWith('"') && token.endsWith('"')).toBe(true);
    const body = token.slice(1, -1);
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      // In a CSS string, these end the string or the declaration: they may only appear escaped.
      expect(ch).not.toMatch(/["\n\r\f]/);
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const hex = /^[0-9a-fA-F]{1,6}/.exec(body.slice(i + 1))?.[0];
      if (!hex) throw new Error(`a backslash without hex digits at ${i} in ${token}`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += hex.length;
      if (/[ \t\n]/.test(body[i + 1] ?? '')) i++;
    }
    return out;
  }

  it.each([
    ['a form feed followed by CSS', 'R8\f} body { display: none } @page { x: "'],
    ['a vertical tab, CR and LF', 'a\vb\rc\nd'],
    ['quotes, a backslash and an escape-looking text', 'say "hi" \\ \\41 \''],
    ['the end of the style element', '</style><script>alert(1)</script>'],
    ['Japanese, symbols and a hex-digit after an escape', '令和8年度 ▲3億円 "a'],
  ])('reads back exactly, with nothing that ends the string or the element: %s', (_what, text) => {
    const token = cssString(text);
    expect(token).not.toMatch(/</);
    expect(readCssString(token)).toBe(text);
  });

  it('reads back every character from U+0000 to U+2FFF', () => {
    const all = Array.from({ length: 0x3000 }, (_, c) => (c >= 0xd800 && c <= 0xdfff ? '' : String.fromCharCode(c))).join('');
    expect(readCssString(cssString(all))).toBe(all);
  });
});

describe('-0', () => {
  it('is printed as 0 by every number format', () => {
    expect([formatOku(-0), formatOkuChange(-0), formatShare(-0.01), formatPercentChange(-0.04), formatOku(-0.3)]).toEqual(['0億円', '±0億円', '0.0%', '±0.0%', '0億円']);
  });

  it('written in the data (こ: -0) prints as 0億円 in the briefing', { timeout: 30_000 }, async () => {
    const dir = dataWith(FY2026, (s) => s.replace('ministries: { こ: 0,', 'ministries: { こ: -0,'));
    const { dataset } = await loadDataset(dir);
    const templates = await loadTemplateSet(TEMPLATES);
    const spec = BASE_BRIEFINGS.find((b) => b.name === 'fy2026-vs-fy2025');
    if (!spec) throw new Error('fy2026-vs-fy2025 is no longer a base briefing');
    const { html } = await renderBriefing(dataset, spec, templates, createRenderer(templates));
    expect(html).not.toMatch(/-0(億円|%|<)/);
    expect(html).toContain('0億円');
  });
});

describe('a 400-character word in a project name', () => {
  const session = new BrowserSession();
  afterAll(() => session.close());
  const WORD = 'X'.repeat(400);

  /** Every word's box on the pages (pdftotext -bbox), and the page sizes. */
  function layout(file: string): { pages: { width: number; height: number }[]; words: { text: string; xMax: number; height: number }[] } {
    const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const pages = [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
    const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: m[5] ?? '',
      xMax: Number(m[3]),
      height: Number(m[4]) - Number(m[2]),
    }));
    return { pages, words };
  }

  it.each([['fy2026-vs-fy2025'], ['trend-fy2021-fy2026']])(
    '%s: wraps inside the page; the pages keep their size and scale, and no text runs off the right edge',
    { timeout: 120_000 },
    async (name) => {
      const normalOut = tempDir('long-word-normal');
      const longOut = tempDir('long-word');
      const data = withProjectName(WORD);
      const build = (dataDir: string, outDir: string) => buildBriefings({ dataDir, templatesDir: TEMPLATES, outDir, names: [name], force: true, session });
      const [normal] = await build(DATA, normalOut);
      const [long] = await build(data, longOut);
      expect([normal?.status, long?.status, long?.error?.message]).toEqual(['built', 'built', undefined]);

      const before = layout(path.join(normalOut, `${name}.pdf`));
      const after = layout(path.join(longOut, `${name}.pdf`));
      expect(new Set(after.pages.map((p) => `${p.width}x${p.height}`))).toEqual(new Set(before.pages.map((p) => `${p.width}x${p.height}`)));
      const width = after.pages[0]?.width ?? 0;
      for (const word of after.words) expect(word.xMax, word.text.slice(0, 40)).toBeLessThanOrEqual(width);
      // Chrome shrinks a page whose content is too wide: the title would be drawn smaller.
      const title = (l: typeof before) => l.words[0]?.height ?? 0;
      expect(title(after)).toBeCloseTo(title(before), 1);
      // The word is all there, broken over lines.
      const text = execFileSync('pdftotext', ['-raw', path.join(longOut, `${name}.pdf`), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(WORD);
    },
  );
});

describe('YAML limits', () => {
  /** Nine levels of nine aliases each: 9^9 strings once expanded. */
  const BOMB = ['lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 8 }, (_, i) => `lol${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)].join('\n');

  it('an alias bomb in a data file is a data error naming the file: exit 1, no stack trace, promptly', { timeout: 60_000 }, async () => {
    const dir = dataWith(FY2026, (s) => `${s}\n${BOMB}\n`);
    const started = performance.now();
    const run = await runCli(['validate', '--data', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(path.join(dir, FY2026));
    expect(run.stdout).toMatch(/alias bomb/);
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    const build = await runCli(['build', '--data', dir, '--out', tempDir('bomb-out')]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/alias bomb/);
    expect(build.stderr).not.toMatch(STACK_LINE);
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('an alias bomb in the config is a usage error: exit 64, no stack trace', { timeout: 60_000 }, async () => {
    const dir = tempDir('bomb-config');
    const config = path.join(dir, 'briefings.config.yaml');
    writeFileSync(config, `${BOMB}\nout: out\n`);
    const run = await runCli(['build', '--config', config]);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(config);
    expect(run.stderr).toMatch(/alias bomb/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('a data file far larger than data is refused without being parsed', async () => {
    const dir = dataWith(FY2026, (s) => `${s}\n# ${'x'.repeat(3 * 1024 * 1024)}\n`);
    const errors = await errorsOf(dir);
    expect(errors.map(formatProblem).join('\n')).toMatch(/fy2026-points\.yaml: the file is 3\.0 MB; files here may have at most 2 MB/);
  });

  it('the preview shows the alias bomb as a message in the page, not a stack', { timeout: 60_000 }, async () => {
    const dir = copyOf(DATA, 'bomb-preview');
    const server = await startPreview({ name: 'fy2026-vs-fy2025', dataDir: dir, templatesDir: TEMPLATES, port: 0 });
    try {
      writeFileSync(path.join(dir, FY2026), `${readFileSync(path.join(dir, FY2026), 'utf8')}\n${BOMB}\n`);
      const response = await fetch(server.url);
      const page = await response.text();
      expect(response.status).toBe(500);
      expect(page).toMatch(/alias bomb/);
      expect(page).toContain('fy2026-points.yaml');
      expect(page).not.toMatch(STACK_LINE);
    } finally {
      await server.close();
    }
  });

  it('starting the preview on such data is refused with the message', async () => {
    const dir = dataWith(FY2026, (s) => `${s}\n${BOMB}\n`);
    const error = await startPreview({ name: 'fy2026-vs-fy2025', dataDir: dir, templatesDir: TEMPLATES, port: 0 }).then(
      async (s) => (await s.close(), undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BriefingError);
    expect((error as BriefingError).code).toBe('data');
    expect((error as BriefingError).problems.map(formatProblem).join('\n')).toMatch(/alias bomb/);
  });
});
