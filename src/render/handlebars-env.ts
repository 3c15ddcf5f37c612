import Handlebars from 'handlebars';
import path from 'node:path';
import { reiwaLabel, westernLabel } from '../format/fiscal-year.ts';
import { LOCALES, type Locale } from '../format/locale.ts';
import { BriefingError } from '../problems.ts';
import type { TemplateFile, TemplateSet } from './template-set.ts';
import { displayPath } from '../format/display-path.ts';
import { cssString } from './css-string.ts';
import { PAGE_ROUTES, pageHref } from '../print/page-routes.ts';

type Render = (context: unknown) => string;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Helpers for template authors, in the edition's language; all formatting goes through its Locale
 * so figures look the same everywhere. Prefixed so that no helper shadows a view-model field of the same name.
 */
function helpersFor(locale: Locale): Record<string, (...args: unknown[]) => string> {
  const known = (v: unknown, format: (n: number) => string) => {
    const n = num(v);
    return n === null ? locale.unstated : format(n);
  };
  return {
    fmtOku: (v) => known(v, locale.oku),
    /** An amount in a table cell; the header names the unit with fmtColumn (English) or the cell does (Japanese). */
    fmtCell: (v) => known(v, locale.cell),
    fmtColumn: (label) => locale.column(String(label ?? '')),
    fmtOkuChange: (v) => known(v, locale.okuChange),
    fmtPercentChange: (v) => known(v, locale.percentChange),
    fmtShare: (v) => known(v, locale.share),
    fmtReiwa: (v) => known(v, reiwaLabel),
    fmtFiscalYear: (v) => known(v, westernLabel),
    /** A quoted CSS string for @page margin boxes; cannot close the <style> element. */
    cssString: (v) => cssString(String(v ?? '')),
    /** Where the page finds one of its assets: {{assetHref "stylesheet"}} (the routes are named in print/page-routes.ts). */
    assetHref: (name) => {
      if (name !== 'stylesheet') throw new BriefingError('template', `assetHref knows "stylesheet"; found ${JSON.stringify(name)}`);
      return pageHref(PAGE_ROUTES.stylesheet);
    },
  };
}
const HELPER_NAMES = Object.keys(helpersFor(LOCALES.ja));

interface HandlebarsException extends Error {
  lineNumber?: number;
  column?: number;
  templateFile?: string;
}

/** Names the template file and line of a Handlebars error; the innermost template wins. */
function annotate(error: unknown, file: string, dir: string): never {
  if (error instanceof BriefingError) throw error;
  const e = error as HandlebarsException;
  if (e.templateFile) throw e;
  const parseLine = /Parse error on line (\d+)/.exec(e.message ?? '')?.[1];
  const line = e.lineNumber ?? (parseLine ? Number(parseLine) : undefined);
  const where = `${displayPath(file)}${line ? `:${line}` : ''}`;
  let first = String(e.message ?? e).split('\n')[0]?.replace(/ - \d+:\d+$/, '');
  // Strict mode reports an unknown helper and a missing field alike, with an unhelpful object dump.
  const undefinedName = /^"([^"]+)" not defined in /.exec(first ?? '')?.[1];
  if (undefinedName) first = `"${undefinedName}" is neither a field of this briefing's data nor a helper`;
  let hint = 'fix the template';
  if (/Missing helper/.test(first ?? '')) hint = `available helpers: ${HELPER_NAMES.join(', ')}, and Handlebars' own (if, each, with, unless)`;
  else if (/partial .* could not be found/.test(first ?? '')) hint = `available partials are the files in ${path.join(dir, 'partials')}`;
  else if (undefinedName)
    hint = `check the name against the briefing's fields (README, "Templates") and the helpers: ${HELPER_NAMES.join(', ')}`;
  else if (/Parse error/.test(first ?? '')) hint = 'a {{tag}} is not closed or mismatched';
  const wrapped = new BriefingError('template', `${where}: template error: ${first}; ${hint}`, [], { cause: error });
  (wrapped as HandlebarsException).templateFile = file;
  throw wrapped;
}

function compileFile(hb: typeof Handlebars, template: TemplateFile, dir: string): Render {
  let compiled: HandlebarsTemplateDelegate;
  try {
    // Parsed here, so that a syntax error is reported before anything is built, and only once:
    // compile() takes the parsed template.
    compiled = hb.compile(hb.parse(template.source), { strict: true, noEscape: false, preventIndent: true });
  } catch (error) {
    annotate(error, template.file, dir);
  }
  return (context) => {
    try {
      return compiled(context);
    } catch (error) {
      annotate(error, template.file, dir);
    }
  };
}

export interface Renderer {
  renderBody(kind: string, context: unknown): string;
  renderLayout(context: unknown): string;
}

/**
 * A Handlebars environment of its own for each template set, so helpers and partials never
 * leak between renders or departments.
 */
export function createRenderer(set: TemplateSet): Renderer {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpersFor(LOCALES[set.department?.settings.language ?? 'ja']))) hb.registerHelper(name, fn);
  for (const [name, template] of set.partials) {
    const render = compileFile(hb, template, set.dir);
    hb.registerPartial(name, (context: unknown) => render(context));
  }
  const layout = compileFile(hb, set.layout, set.dir);
  // Bodies compile on first use: a broken body template fails only the briefings of its kind.
  const bodies = new Map<string, Render>();
  return {
    renderLayout: layout,
    renderBody(kind, context) {
      const template = set.bodies.get(kind);
      if (!template)
        throw new BriefingError('template', `${path.join(set.dir, 'briefings', `${kind}.hbs`)}: no template for briefings of kind "${kind}"; restore it from the base templates`);
      let body = bodies.get(kind);
      if (!body) {
        body = compileFile(hb, template, set.dir);
        bodies.set(kind, body);
      }
      return body(context);
    },
  };
}
