import { assembleDraft } from '../import/assemble-draft.ts';
import { parseEditionText } from '../import/parse-edition.ts';
import type { Locate } from '../load/read-data-file.ts';
import { formatNumber, formatOkuChange, formatPercentChange } from '../format/number.ts';
import { BriefingError, formatPath, type Problem } from '../problems.ts';
import type { Reference } from '../schema/reference.ts';
import type { SourceDocument } from '../schema/source-document.ts';
import type { CheckResult } from './reconcile.ts';

/**
 * Checks every figure of a document against its own source text: the text is read with the
 * importer's parser, and each figure of the YAML must be the one the text prints in its place
 * (a ministry's part next to its code on the table row, a project's amount on its project line).
 * Where the YAML records `sourceLines`, the figure must also appear on the line it names.
 */

interface Figure {
  path: PropertyKey[];
  value: number | string;
  /** What the figure is, for people: 「8年度予算 AMED対象経費 総」. */
  label: string;
  /** How the text prints it, to find it on a line: 総3, 1,238, 0.5 … */
  tokens: string[];
  /** How messages show it, where a plain number would mislead (a change, a rate). */
  format?: (value: number) => string;
}

const SCOPE = { amed: 'AMED対象経費', inhouse: 'インハウス研究機関経費' } as const;

const amountTokens = (n: number): string[] => [...new Set([formatNumber(n), String(n)])];

/** Every figure of a document, keyed by what it means (not by its position in the file). */
function figures(doc: SourceDocument): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const put = (key: string, figure: Figure) => out.set(key, figure);
  doc.budgets.forEach((column, i) => {
    const col = `${column.fiscalYear} ${column.type}`;
    const heading = column.label ?? `${column.fiscalYear} ${column.type}`;
    if (column.total !== undefined)
      put(`${col} total`, { path: ['budgets', i, 'total'], value: column.total, label: `${heading} total`, tokens: amountTokens(column.total) });
    for (const scope of ['amed', 'inhouse'] as const) {
      const figure = column.scopes[scope];
      // A scope a partial edition does not state has no figure to find.
      if (figure === 'unknown') continue;
      put(`${col} ${scope} total`, { path: ['budgets', i, 'scopes', scope, 'total'], value: figure.total, label: `${heading} ${SCOPE[scope]}`, tokens: amountTokens(figure.total) });
      for (const [code, amount] of Object.entries(figure.ministries ?? {}))
        put(`${col} ${scope} ${code}`, {
          path: ['budgets', i, 'scopes', scope, 'ministries', code],
          value: amount,
          label: `${heading} ${SCOPE[scope]} ${code}`,
          tokens: amountTokens(amount).map((t) => `${code}${t}`),
        });
    }
  });
  doc.changes.forEach((change, i) => {
    const key = `change ${change.scope} ${change.fiscalYear}/${change.baseFiscalYear}`;
    put(`${key} amount`, { path: ['changes', i, 'amount'], value: change.amount, label: `${SCOPE[change.scope]} 増▲減額`, tokens: amountTokens(Math.abs(change.amount)), format: formatOkuChange });
    if (change.percent !== undefined)
      put(`${key} percent`, { path: ['changes', i, 'percent'], value: change.percent, label: `${SCOPE[change.scope]} 増▲減率`, tokens: [`${Math.abs(change.percent).toFixed(1)}%`], format: (v) => formatPercentChange(v) });
  });
  const fund = doc.adjustmentFund;
  if (fund) {
    put('fund total', { path: ['adjustmentFund', 'total'], value: fund.total, label: `${fund.name}`, tokens: amountTokens(fund.total) });
    put('fund share', { path: ['adjustmentFund', 'medicalShare'], value: fund.medicalShare, label: `${fund.name}の一部`, tokens: amountTokens(fund.medicalShare) });
  }
  const budget = doc.projectBudget;
  budget?.projects.forEach((p, i) => {
    const base = ['projectBudget', 'projects', i];
    const label = `project ${p.number}`;
    if (typeof p.total === 'number') put(`${p.project} total`, { path: [...base, 'total'], value: p.total, label, tokens: amountTokens(p.total) });
    if (p.name !== undefined) put(`${p.project} name`, { path: [...base, 'name'], value: p.name, label: `${label} name`, tokens: [p.name] });
    if (p.split === 'amed-only') put(`${p.project} split`, { path: [...base, 'split'], value: 'amed-only', label: `${label} split`, tokens: ['AMED'] });
    else if (p.split !== 'unknown')
      for (const scope of ['amed', 'inhouse'] as const)
        put(`${p.project} ${scope}`, { path: [...base, 'split', scope], value: p.split[scope], label: `${label} ${scope === 'amed' ? 'AMED' : 'インハウス'}`, tokens: amountTokens(p.split[scope]) });
    put(`${p.project} fund`, { path: [...base, 'fundBased'], value: p.fundBased, label: `${label} 基金事業`, tokens: [] });
  });
  const remaining = budget?.remaining;
  if (remaining)
    for (const scope of ['amed', 'inhouse'] as const) {
      const value = remaining[scope];
      if (typeof value === 'number')
        put(`remaining ${scope}`, { path: ['projectBudget', 'remaining', scope], value, label: `remaining ${SCOPE[scope]}`, tokens: amountTokens(value) });
    }
  doc.programDetails.forEach((detail, i) => {
    const base = ['programDetails', i];
    const key = `${detail.project} ${detail.fiscalYear}`;
    put(`${key} amed`, { path: [...base, 'amed'], value: detail.amed, label: `${detail.label} AMED`, tokens: amountTokens(detail.amed) });
    put(`${key} inhouse`, { path: [...base, 'inhouse'], value: detail.inhouse, label: `${detail.label} インハウス`, tokens: amountTokens(detail.inhouse) });
    detail.programs.forEach((program, j) => {
      const p = [...base, 'programs', j];
      put(`${key} ${program.name} amount`, { path: [...p, 'amount'], value: program.amount, label: program.name, tokens: amountTokens(program.amount) });
      if (program.inhouseAmount !== undefined)
        put(`${key} ${program.name} inhouse`, { path: [...p, 'inhouseAmount'], value: program.inhouseAmount, label: `${program.name} インハウス`, tokens: amountTokens(program.inhouseAmount) });
      put(`${key} ${program.name} ministry`, { path: [...p, 'ministry'], value: program.ministry, label: `${program.name} ministry`, tokens: program.ministry === 'unknown' ? [] : [program.ministry] });
    });
  });
  return out;
}

const showAs = (figure: Figure, value: number | string) =>
  typeof value === 'number' ? (figure.format ?? formatNumber)(value) : value;

/** Whether a line prints a figure: one of its tokens, not as part of a longer number. */
function printsOn(line: string, tokens: readonly string[]): boolean {
  const normal = line.normalize('NFKC');
  const standsAlone = (token: string, at: number): boolean => {
    const before = normal.slice(Math.max(0, at - 2), at);
    const after = normal.slice(at + token.length, at + token.length + 2);
    // 58 is not printed in 583 or 1,058, but 総3 is printed in 「こ7,総3,文583」.
    const joinedBefore = /^[0-9]/.test(token) && /([0-9.]|[0-9],)$/.test(before);
    const joinedAfter = /^([0-9]|[.,][0-9])/.test(after);
    return !joinedBefore && !joinedAfter;
  };
  return tokens.some((token) => {
    for (let at = normal.indexOf(token); at >= 0; at = normal.indexOf(token, at + 1)) if (standsAlone(token, at)) return true;
    return false;
  });
}

export interface SourceTextCheck {
  problems: Problem[];
  check: CheckResult;
}

export function checkAgainstSourceText(
  file: string,
  doc: SourceDocument,
  locate: Locate,
  textFile: string,
  text: string,
  reference: Reference,
): SourceTextCheck {
  const problems: Problem[] = [];
  const lines = text.split(/\r?\n/);
  const mine = figures(doc);
  const recorded = doc.sourceLines ?? {};
  const subject = `source text ${textFile.split('/').at(-1) ?? textFile}: every figure where the text prints it`;
  const error = (figure: Figure, message: string, hint: string) =>
    problems.push({ severity: 'error', file, path: formatPath(figure.path), line: locate(figure.path), message, hint });
  const report = (outcome: CheckResult['outcome'], detail: string): SourceTextCheck => ({
    problems,
    check: { rule: 'source-text', file, path: 'document.textFile', line: locate(['document', 'textFile']), subject, outcome, detail },
  });

  // Where the YAML names the line a figure came from, the figure must stand on that line.
  let onRecordedLines = 0;
  const checkRecordedLine = (figure: Figure): void => {
    const line = recorded[formatPath(figure.path)];
    if (line === undefined || figure.tokens.length === 0) return;
    onRecordedLines++;
    if (!printsOn(lines[line - 1] ?? '', figure.tokens))
      error(
        figure,
        `${figure.label}: ${showAs(figure, figure.value)} is not printed on ${textFile}:${line}, the line sourceLines names for it (it reads 「${(lines[line - 1] ?? '').trim().slice(0, 80)}」)`,
        'correct the figure to the one printed there, or the line number in sourceLines',
      );
  };

  let theirs: Map<string, Figure>;
  let textLines: Record<string, number>;
  try {
    const raw = parseEditionText(text, textFile);
    // A title alone (e.g. a quotation naming the edition) is not the edition's layout.
    if (raw.columns.length === 0) throw new BriefingError('data', `${textFile}: no headline table`);
    const draft = assembleDraft(raw, 'text', reference, []);
    theirs = figures(draft.document);
    textLines = draft.sourceLines;
  } catch (e) {
    if (!(e instanceof BriefingError)) throw e;
    // A quotation (a partial edition's usual source): no layout tells where a figure belongs, so
    // sourceLines must name the line of each one, and the figure must stand on that line.
    for (const figure of mine.values()) {
      if (figure.tokens.length > 0 && recorded[formatPath(figure.path)] === undefined)
        error(
          figure,
          `${figure.label}: ${showAs(figure, figure.value)} cannot be checked: ${textFile} is not laid out as an edition, and sourceLines names no line for ${formatPath(figure.path)}`,
          `add "${formatPath(figure.path)}: <line>" under sourceLines, the line of ${textFile} that states it`,
        );
      checkRecordedLine(figure);
    }
    return report(
      problems.length > 0 ? 'inconsistent' : 'partial',
      `the text is not laid out as an edition; ${onRecordedLines} figure(s) checked on the lines sourceLines names${problems.length ? `; ${problems.length} error(s) listed below` : ''}`,
    );
  }

  let matched = 0;
  let unchecked = 0;
  // A part of the document the parser found nowhere in the text (the text lacks the page, or its
  // layout is new) is not checked figure by figure: that would only repeat one problem many times.
  const sectionOf = (figure: Figure) => String(figure.path[0]);
  const sections = new Set([...theirs.values()].map(sectionOf));
  for (const [key, figure] of mine) {
    const printed = theirs.get(key);
    if (!printed && !sections.has(sectionOf(figure))) {
      if (recorded[formatPath(figure.path)] !== undefined) checkRecordedLine(figure);
      else unchecked++;
      continue;
    }
    if (!printed) {
      if (recorded[formatPath(figure.path)] !== undefined) {
        checkRecordedLine(figure);
        continue;
      }
      error(
        figure,
        `${figure.label}: ${showAs(figure, figure.value)} is not printed in ${textFile} where it belongs (the text has no such figure there)`,
        'check the figure against the text; if the text prints it elsewhere, record that line under sourceLines',
      );
      continue;
    }
    const at = textLines[formatPath(printed.path)];
    if (printed.value === figure.value) {
      matched++;
      // The parser found it in its place; a recorded line elsewhere must still print it.
      if (recorded[formatPath(figure.path)] !== at) checkRecordedLine(figure);
      else onRecordedLines++;
      continue;
    }
    error(
      figure,
      `${figure.label}: the YAML has ${showAs(figure, figure.value)}, but ${textFile}${at ? `:${at}` : ''} prints ${showAs(figure, printed.value)}`,
      `correct the YAML to ${showAs(figure, printed.value)} as printed (if the text itself is wrong, correct the text file)`,
    );
  }
  // A partial edition holds only what is known of it: a figure it leaves out is not a slip.
  const partial = doc.document.coverage === 'partial';
  for (const [key, printed] of theirs) {
    if (partial || mine.has(key) || !key.includes(' ') || printed.tokens.length === 0) continue;
    // Only the parts of what the YAML transcribes: a ministry the text lists in a column the YAML has.
    const column = key.split(' ').slice(0, 2).join(' ');
    const ministry = printed.path.includes('ministries');
    if (!ministry || ![...mine.keys()].some((k) => k.startsWith(column))) continue;
    const at = textLines[formatPath(printed.path)];
    const path = printed.path.slice(0, -1);
    problems.push({
      severity: 'error',
      file,
      path: formatPath(printed.path),
      line: locate(path),
      message: `${printed.label}: ${textFile}${at ? `:${at}` : ''} lists ${printed.tokens[0]}, but the YAML leaves it out of the breakdown`,
      hint: 'add the ministry with its printed figure (a ministry left out means the document does not list it)',
    });
  }
  const failed = problems.length;
  const missingSections = [...new Set([...mine.values()].map(sectionOf))].filter((x) => !sections.has(x));
  return report(
    failed > 0 ? 'inconsistent' : unchecked > 0 ? 'partial' : 'exact',
    `${matched} of ${mine.size} figures as printed${onRecordedLines ? `; ${onRecordedLines} found on the line sourceLines names` : ''}${unchecked ? `; ${unchecked} not checked (the text has no such section: ${missingSections.join(', ')})` : ''}${failed ? `; ${failed} error(s) listed below` : ''}`,
  );
}
