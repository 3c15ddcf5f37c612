import { displayPath } from '../format/display-path.ts';
import { PAGE_FONT_FAMILY } from '../print/page-routes.ts';
import { BriefingError } from '../problems.ts';
import { LANGUAGES } from '../schema/department.ts';
import { bundledCoverage } from '../validate/font-coverage.ts';
import type { TemplateSet } from './template-set.ts';

const hex = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The texts of a template set, by file, to say where a character came from. */
function sources(set: TemplateSet): { file: string; text: string }[] {
  return [
    set.layout,
    set.styles,
    ...set.bodies.values(),
    ...set.partials.values(),
    ...[...set.charts.values()].map((c) => ({ file: c.file, source: JSON.stringify(c.spec) })),
    ...LANGUAGES.map((lang) => ({ file: set.strings[lang].files.join(' + '), source: JSON.stringify(set.strings[lang].table) })),
  ].map((s) => ({ file: s.file, text: s.source }));
}

/**
 * Every character a page shows must be in the bundled fonts: otherwise Chrome draws it with
 * whatever font the machine has (or not at all), and the PDF differs from machine to machine.
 * The data is checked when it is validated; this catches what templates, strings and chart specs add.
 */
export function checkPageCharacters(html: string, stylesheet: string, set: TemplateSet): void {
  const coverage = bundledCoverage();
  const missing = [...new Set(html + stylesheet)].filter((ch) => !/[\t\n\r]/.test(ch) && !coverage.has(ch.codePointAt(0) ?? 0));
  if (missing.length === 0) return;
  const all = sources(set);
  const described = missing.slice(0, 5).map((ch) => {
    const files = all.filter((s) => s.text.includes(ch)).map((s) => displayPath(s.file));
    return `"${ch}" (${hex(ch)})${files.length ? ` in ${files.join(', ')}` : ''}`;
  });
  throw new BriefingError(
    'template',
    `the page uses ${described.join('; ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}, which the bundled font (${PAGE_FONT_FAMILY}) cannot show; Chrome would take it from whatever fonts the machine has. Leave it out or use a character the font has`,
  );
}
