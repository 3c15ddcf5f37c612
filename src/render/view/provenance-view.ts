import type { BriefingData, Colophon } from '../../schema/briefing-data.ts';
import type { ViewContext } from './common.ts';

export interface AppendixView {
  heading: string;
  intro: string;
  tables: { title: string; charts: string; sources: string[] }[];
}

/** Consecutive lines written as ranges: 7, 8, 9, 12 → 7–9, 12. */
function lineRanges(lines: number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** The closing appendix: for each table (and the charts drawn from it), its documents and the lines its figures come from. */
export function appendixView(ctx: ViewContext, data: BriefingData): AppendixView | null {
  const { strings } = ctx;
  // Templates from before the appendix existed (e.g. an older revision built for a diff) have no text for it.
  if (!strings.table.appendix) return null;
  const byId = new Map(data.figures.map((f) => [f.id, f]));
  return {
    heading: strings.get('appendix.heading'),
    intro: strings.get('appendix.intro'),
    tables: data.tables.map((table) => {
      const figures = table.rows.flat().flatMap((cell) => (cell && typeof cell === 'object' ? [byId.get(cell.figure)] : [])).filter((f) => f !== undefined);
      const perFile = new Map<string, { lines: number[]; unknown: number }>();
      // A figure the documents do not state (記載なし), or computed from one that is not, has no line to point to.
      for (const source of figures.filter((f) => f.status === 'known').flatMap((f) => f.sources)) {
        const entry = perFile.get(source.textFile) ?? { lines: [], unknown: 0 };
        if (source.line === null) entry.unknown++;
        else entry.lines.push(source.line);
        perFile.set(source.textFile, entry);
      }
      const sources = [...perFile].map(([file, { lines, unknown }]) => {
        const name = file.split('/').pop() ?? file;
        const located = lines.length ? strings.fill('appendix.lines', { file: name, lines: lineRanges(lines) }) : name;
        return unknown ? strings.fill('appendix.linesUnknown', { file: located, count: unknown }) : located;
      });
      return {
        title: table.title,
        charts: table.charts.length ? strings.fill('appendix.charts', { charts: table.charts.join(' / ') }) : '',
        sources: sources.length ? sources : [strings.get('appendix.noSources')],
      };
    }),
  };
}

/** The glossary, in the order of the string table; a department may reword or add terms. */
export function glossaryView(ctx: ViewContext): { heading: string; terms: { term: string; text: string }[] } {
  const terms = ctx.strings.table.glossaryTerm ?? {};
  const texts = ctx.strings.table.glossaryText ?? {};
  return {
    heading: ctx.strings.table.glossary?.heading ?? '',
    terms: Object.entries(terms).flatMap(([key, term]) => (texts[key] ? [{ term, text: texts[key] }] : [])),
  };
}

export function colophonView(ctx: ViewContext, colophon: Colophon, attached: boolean): { heading: string; lines: string[] } | null {
  const { strings } = ctx;
  if (!strings.table.colophon) return null;
  return {
    heading: strings.get('colophon.heading'),
    lines: [
      strings.fill('colophon.dataVersion', { version: colophon.dataVersion }),
      strings.fill('colophon.tool', { tool: colophon.toolVersion }),
      colophon.buildDate ? strings.fill('colophon.buildDate', { date: colophon.buildDate }) : strings.get('colophon.noDate'),
      ...(attached ? [strings.get('colophon.attachments')] : []),
    ],
  };
}
