import { stringify } from 'yaml';
import { reiwaLabel } from '../format/fiscal-year.ts';
import { formatNumber, formatOkuChange } from '../format/number.ts';
import type { ScopeId } from '../schema/common.ts';
import type { Reference } from '../schema/reference.ts';
import type { BudgetColumn, ScopeFigureOrUnknown, SourceDocument } from '../schema/source-document.ts';
import type { Draft, KnownDocument } from './assemble-draft.ts';

/**
 * What the analyst reviews after an import: how the new edition differs from the previous one
 * (totals, ministries, the restated previous-year column, projects, names), and what to add to
 * reference.yaml, as YAML to paste.
 */

const SCOPES: Record<ScopeId, string> = { amed: 'AMED対象経費', inhouse: 'インハウス研究機関経費' };

export interface ReferenceProposal {
  why: string;
  yaml: string;
}

/** What a scope states, for people: a partial edition may state nothing of it. */
const amountOf = (figure: ScopeFigureOrUnknown): string => (figure === 'unknown' ? '記載なし' : `${formatNumber(figure.total)}億円`);
const ministriesOf = (figure: ScopeFigureOrUnknown): Record<string, number | undefined> | undefined =>
  figure === 'unknown' ? undefined : figure.ministries;

const column = (doc: SourceDocument, fy: number, type: BudgetColumn['type']) =>
  doc.budgets.find((b) => b.fiscalYear === fy && b.type === type);

function ministryDiff(label: string, now: Record<string, number | undefined>, before: Record<string, number | undefined>): string[] {
  const added = Object.keys(now).filter((k) => !(k in before));
  const missing = Object.keys(before).filter((k) => !(k in now));
  const out: string[] = [];
  if (added.length) out.push(`${label}: listed now, not before: ${added.map((k) => `${k}${formatNumber(now[k] ?? 0)}`).join(', ')}`);
  if (missing.length) out.push(`${label}: listed before, not now: ${missing.map((k) => `${k}${formatNumber(before[k] ?? 0)}`).join(', ')}`);
  return out;
}

/** Lines comparing the draft with the previous edition; empty when none is known. */
export function changesAgainstPrevious(draft: Draft, previous: KnownDocument | undefined, reference: Reference): string[] {
  if (!previous) return ['No earlier edition is known: nothing to compare with.'];
  const now = draft.document;
  const before = previous.value;
  const fy = now.document.editionFiscalYear;
  const prevFy = before.document.editionFiscalYear;
  const lines: string[] = [`Against ${before.document.title} (${previous.file}):`];

  const current = column(now, fy, 'initial');
  const last = column(before, prevFy, 'initial');
  if (current && last) {
    for (const scope of ['amed', 'inhouse'] as const) {
      const a = current.scopes[scope];
      const b = last.scopes[scope];
      const change = a !== 'unknown' && b !== 'unknown' ? ` (${formatOkuChange(a.total - b.total)} between the two editions' own years)` : '';
      lines.push(`  ${SCOPES[scope]}: ${reiwaLabel(prevFy)} ${amountOf(b)} → ${reiwaLabel(fy)} ${amountOf(a)}${change}`);
      const now = ministriesOf(a);
      const then = ministriesOf(b);
      // A breakdown one edition does not state at all is no change of ministries.
      if (now && then) lines.push(...ministryDiff(`  ${SCOPES[scope]} ministries`, now, then));
    }
  }
  const supNow = now.budgets.find((b) => b.type === 'supplementary');
  const supBefore = before.budgets.find((b) => b.type === 'supplementary');
  if (supNow || supBefore) {
    const codes = (figure: ScopeFigureOrUnknown) => {
      const listed = ministriesOf(figure);
      return listed ? Object.keys(listed).join('') : '記載なし';
    };
    const total = (b: BudgetColumn): string => {
      if (b.total !== undefined) return `${formatNumber(b.total)}億円`;
      const { amed, inhouse } = b.scopes;
      return amed !== 'unknown' && inhouse !== 'unknown' ? `${formatNumber(amed.total + inhouse.total)}億円` : 'total 記載なし';
    };
    const text = (b: BudgetColumn | undefined) => (b ? `${reiwaLabel(b.fiscalYear)}補正 ${total(b)} (AMED ${codes(b.scopes.amed)}, インハウス ${codes(b.scopes.inhouse)})` : 'none');
    lines.push(`  supplementary column: before ${text(supBefore)}; now ${text(supNow)}`);
  }

  const fundNow = now.adjustmentFund;
  const fundBefore = before.adjustmentFund;
  if (fundNow && fundBefore)
    lines.push(`  ${fundNow.name}${fundNow.name === fundBefore.name ? '' : ` (was ${fundBefore.name})`}: ${formatNumber(fundBefore.total)}億円 → ${formatNumber(fundNow.total)}億円, of which medical ${formatNumber(fundBefore.medicalShare)}億円 → ${formatNumber(fundNow.medicalShare)}億円`);
  else if (fundNow || fundBefore) lines.push(`  adjustment fund: ${fundNow ? 'stated now, not before' : 'stated before, not now'}`);

  // The carried-over column: this edition's previous year against what the earlier edition printed for it.
  for (const restated of now.budgets) {
    const earlier = column(before, restated.fiscalYear, restated.type);
    if (!earlier) continue;
    const diffs: string[] = [];
    for (const scope of ['amed', 'inhouse'] as const) {
      const a = restated.scopes[scope];
      const b = earlier.scopes[scope];
      // Only what both editions state can differ; a figure one of them leaves unknown is no restatement.
      if (a === 'unknown' || b === 'unknown') continue;
      if (a.total !== b.total) diffs.push(`${SCOPES[scope]} total ${b.total} → ${a.total}`);
      const now = ministriesOf(a);
      const then = ministriesOf(b);
      if (!now || !then) continue;
      for (const code of new Set([...Object.keys(now), ...Object.keys(then)]))
        if (now[code] !== then[code]) diffs.push(`${SCOPES[scope]} ${code} ${then[code] ?? 'not listed'} → ${now[code] ?? 'not listed'}`);
    }
    const label = restated.label ?? `${reiwaLabel(restated.fiscalYear)}${restated.type === 'supplementary' ? '補正' : '当初'}予算`;
    lines.push(
      diffs.length === 0
        ? `  ${label}: the same figures as ${before.document.id} printed`
        : `  ${label} restates ${before.document.id}: ${diffs.join('; ')} (the later edition wins unless pinned with restatements:; see \`briefings validate\`)`,
    );
  }

  const nowBudget = now.projectBudget;
  const prevBudget = before.projectBudget;
  if (nowBudget && prevBudget) {
    if (nowBudget.period !== prevBudget.period)
      lines.push(`  strategy period: 第${prevBudget.period}期 (${prevBudget.projects.length} projects) → 第${nowBudget.period}期 (${nowBudget.projects.length} projects)`);
    else {
      const nameOf = (p: { project: string; name?: string }) => p.name ?? reference.projects.find((r) => r.id === p.project)?.name ?? p.project;
      for (const p of nowBudget.projects) {
        const q = prevBudget.projects.find((x) => x.project === p.project);
        if (!q) {
          // A partial edition's silence on a project says nothing of whether it existed then.
          lines.push(`  project ${p.number} ${nameOf(p)}: ${before.document.coverage === 'partial' ? `not stated in ${before.document.id} (a partial edition)` : 'new'}`);
          continue;
        }
        const amount = (v: number | 'unknown') => (v === 'unknown' ? 'no amount' : `${formatNumber(v)}億円`);
        const change = typeof p.total === 'number' && typeof q.total === 'number' ? ` (${formatOkuChange(p.total - q.total)})` : '';
        const split = (s: typeof p.split) => (s === 'amed-only' ? '<AMED>' : s === 'unknown' ? '<split 記載なし>' : `<AMED ${s.amed}, インハウス ${s.inhouse}>`);
        const splitNote = split(p.split) === split(q.split) ? '' : `, split ${split(q.split)} → ${split(p.split)}`;
        const renamed = nameOf(p) !== nameOf(q) ? `, renamed from ${nameOf(q)}` : '';
        lines.push(`  project ${p.number} ${nameOf(p)}: ${amount(q.total)} → ${amount(p.total)}${change}${splitNote}${renamed}`);
      }
      for (const q of prevBudget.projects)
        if (!nowBudget.projects.some((p) => p.project === q.project)) lines.push(`  project ${q.number} ${nameOf(q)}: no longer listed`);
    }
  }
  return lines;
}

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st: as reference.yaml names the periods in English. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** reference.yaml entries the draft needs: a new strategy period, unknown projects, renames. */
export function referenceProposals(draft: Draft, reference: Reference): ReferenceProposal[] {
  const proposals: ReferenceProposal[] = [];
  const fy = draft.document.document.editionFiscalYear;
  const period = draft.period;
  if (period && !period.known) {
    proposals.push({
      why: `第${period.period}期健康・医療戦略 is not in reference.yaml: add the period under periods:`,
      yaml: stringify([
        {
          period: period.period,
          name: `第${period.period}期健康・医療戦略`,
          nameEn: `${ordinal(period.period)} Healthcare Policy`,
          from: period.from ?? fy,
          to: period.to ?? fy,
          projectCount: period.projectCount ?? draft.names.length,
          statedIn: draft.document.document.id,
        },
      ]),
    });
  }
  const known = period?.known ? reference.periods.find((p) => p.period === period.period) : undefined;
  if (known && known.projectCount !== draft.names.length)
    proposals.push({
      why: `${known.name} has projectCount ${known.projectCount} in reference.yaml, but this edition lists ${draft.names.length} projects: correct it under periods:`,
      yaml: stringify({ projectCount: draft.names.length }),
    });
  const unknown = draft.names.filter((n) => !n.project);
  if (unknown.length > 0)
    proposals.push({
      why: `${unknown.length} project(s) not in reference.yaml: add them under projects: (the ids are proposals used in the draft; nameEn and shortNameEn are yours to write)`,
      yaml: stringify(
        unknown.map((n) => ({
          id: n.id,
          period: period?.period ?? 0,
          number: n.number,
          name: n.printed,
          nameEn: 'TODO English name',
          nameEnSource: 'translation',
          shortName: n.printed.replace(/プロジェクト$/, ''),
          shortNameEn: 'TODO',
        })),
      ),
    });
  for (const n of draft.names) {
    if (!n.project || n.project.name === n.printed) continue;
    proposals.push({
      why: `project ${n.number} is printed as 「${n.printed}」 (line ${n.line}), but reference.yaml names ${n.project.id} 「${n.project.name}」: record the rename on that project`,
      // The chart labels use the short name: without one they would keep the former name.
      yaml: stringify({ renamed: [{ fromFiscalYear: fy, name: n.printed, nameEn: 'TODO English name', shortName: n.printed.replace(/プロジェクト$/, '') }] }),
    });
  }
  return proposals;
}
