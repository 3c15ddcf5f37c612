import { formatPath } from '../problems.ts';
import { MINISTRY_CODES, UNKNOWN, type MinistryBreakdown, type MinistryCode } from '../schema/common.ts';
import type { Project, Reference } from '../schema/reference.ts';
import type {
  AdjustmentFund,
  BudgetColumn,
  DocumentInfo,
  PrintedChange,
  Program,
  ProgramDetail,
  ProgramFlag,
  ProjectBudget,
  ProjectFigure,
  SourceDocument,
} from '../schema/source-document.ts';
import type { RawDetail, RawEdition, RawProject, Unplaced } from './parse-edition.ts';

/**
 * Turns what the text prints into a draft document: project names become reference ids,
 * ministry names become codes, and the English fields the text cannot give are taken from an
 * earlier edition where the Japanese is the same. Every placed value records its text line.
 */

export interface KnownDocument {
  file: string;
  value: SourceDocument;
}

/** A field left for the analyst (English names the text does not give). */
export interface ToFill {
  path: string;
  reason: string;
}

/** A value the import placed by the layout rather than by an explicit statement. */
export interface Inferred {
  path: string;
  line: number;
  reason: string;
}

export interface PrintedName {
  index: number;
  number: number;
  printed: string;
  line: number;
  /** The reference project it was matched to. */
  project?: Project;
  /** The id written into the draft (a proposed one for a project reference.yaml lacks). */
  id: string;
}

/** A whole section of an edition the text did not yield: the draft is then a partial edition. */
export interface MissingSection {
  section: string;
  line: number;
  reason: string;
}

export interface Draft {
  /** `coverage: full` when every section of an edition was read, `partial` when `missing` lists some. */
  document: SourceDocument;
  missing: MissingSection[];
  sourceLines: Record<string, number>;
  unplaced: Unplaced[];
  toFill: ToFill[];
  inferred: Inferred[];
  names: PrintedName[];
  /** The strategy period as the text states it, and whether reference.yaml knows it. */
  period?: { period: number; from?: number; to?: number; projectCount?: number; known: boolean };
}

const isMinistryCode = (code: string): code is MinistryCode => (MINISTRY_CODES as readonly string[]).includes(code);
const FLAGS: readonly ProgramFlag[] = ['新規', '拡充'];

class Placer {
  readonly sourceLines: Record<string, number> = {};
  readonly unplaced: Unplaced[];
  readonly toFill: ToFill[] = [];
  readonly inferred: Inferred[] = [];
  readonly missing: MissingSection[] = [];
  constructor(unplaced: readonly Unplaced[]) {
    this.unplaced = [...unplaced];
  }
  at(path: PropertyKey[], line: number): void {
    this.sourceLines[formatPath(path)] = line;
  }
  fill(path: PropertyKey[], reason: string): string {
    this.toFill.push({ path: formatPath(path), reason });
    return '';
  }
}

/** Known editions, newest first: the nearest one is the likeliest to word things the same way. */
function editionsNewestFirst(known: readonly KnownDocument[]): KnownDocument[] {
  return [...known].sort((a, b) => b.value.document.editionFiscalYear - a.value.document.editionFiscalYear);
}

function documentInfo(raw: RawEdition, textFile: string, known: readonly KnownDocument[], placer: Placer): DocumentInfo {
  const fy = raw.fiscalYear;
  placer.at(['document', 'title'], raw.title.line);
  placer.at(['document', 'editionFiscalYear'], raw.title.line);
  // The English title follows the Japanese one: an earlier edition's title with its year changed.
  let titleEn: string | undefined;
  for (const { value } of editionsNewestFirst(known)) {
    const info = value.document;
    const sameTitle = info.title.replace(/令和\s*(\d+|元)\s*年度/, `令和${fy - 2018}年度`) === raw.title.value;
    const year = `FY${info.editionFiscalYear}`;
    if (sameTitle && info.titleEn.includes(year)) {
      titleEn = info.titleEn.replaceAll(year, `FY${fy}`);
      break;
    }
  }
  const latest = editionsNewestFirst(known)[0]?.value.document;
  if (!raw.lead) placer.unplaced.push({ line: raw.title.line, text: raw.title.value, reason: 'no lead sentence between the title and the table' });
  else placer.at(['document', 'lead'], raw.lead.line);
  raw.notes.forEach((note, i) => placer.at(['document', 'notes', i, 'text'], note.line));
  return {
    id: `fy${fy}-points`,
    title: raw.title.value,
    titleEn: titleEn ?? placer.fill(['document', 'titleEn'], 'the English title: no earlier edition has a title of the same form'),
    editionFiscalYear: fy,
    publisher: latest?.publisher ?? placer.fill(['document', 'publisher'], 'the publisher: the text does not name it and no earlier edition is known'),
    publisherEn: latest?.publisherEn ?? placer.fill(['document', 'publisherEn'], 'the publisher in English'),
    published: UNKNOWN,
    textFile,
    // Coverage is settled once every section has been tried (assembleDraft).
    coverage: 'full',
    ...(raw.lead ? { lead: raw.lead.value } : {}),
    notes: raw.notes.map(({ kind, text }) => ({ kind, text })),
  };
}

function budgets(raw: RawEdition, placer: Placer): BudgetColumn[] {
  const out: BudgetColumn[] = [];
  raw.columns.forEach((column, k) => {
    const amed = raw.rows.find((r) => r.scope === 'amed')?.cells[k];
    const inhouse = raw.rows.find((r) => r.scope === 'inhouse')?.cells[k];
    if (!amed && !inhouse) {
      placer.unplaced.push({ line: column.line, text: column.label, reason: `column 「${column.label}」 prints no figure in either scope; the column is left out` });
      return;
    }
    // A scope the column does not print is unknown, never 0: the draft is then a partial edition.
    for (const [scope, cell] of [['AMED対象経費', amed], ['インハウス研究機関経費', inhouse]] as const)
      if (!cell)
        placer.missing.push({ section: `budgets: ${column.label} ${scope}`, line: column.line, reason: `column 「${column.label}」 prints no ${scope} figure; written as unknown` });
    const i = out.length;
    type Cell = NonNullable<typeof amed>;
    const breakdown = (scope: 'amed' | 'inhouse', cell: Cell): MinistryBreakdown => {
      const ministries: MinistryBreakdown = {};
      for (const part of cell.ministries) {
        if (!isMinistryCode(part.code)) {
          placer.unplaced.push({
            line: cell.line,
            text: `${part.code}${part.amount}`,
            reason: `「${part.code}」 is not a known ministry code (${MINISTRY_CODES.join(' ')}); the part is left out of ${column.label}`,
          });
          continue;
        }
        ministries[part.code] = part.amount;
        placer.at(['budgets', i, 'scopes', scope, 'ministries', part.code], cell.line);
      }
      placer.at(['budgets', i, 'scopes', scope, 'total'], cell.line);
      return ministries;
    };
    const supplementaryTotal =
      column.type === 'supplementary' && raw.supplementaryTotal?.fiscalYear === column.fiscalYear ? raw.supplementaryTotal : undefined;
    placer.at(['budgets', i, 'label'], column.line);
    if (supplementaryTotal) placer.at(['budgets', i, 'total'], supplementaryTotal.line);
    out.push({
      fiscalYear: column.fiscalYear,
      type: column.type,
      label: column.label,
      ...(supplementaryTotal ? { total: supplementaryTotal.amount } : {}),
      scopes: {
        amed: amed ? { total: amed.total, ministries: breakdown('amed', amed) } : UNKNOWN,
        inhouse: inhouse ? { total: inhouse.total, ministries: breakdown('inhouse', inhouse) } : UNKNOWN,
      },
    });
  });
  return out;
}

function changes(raw: RawEdition, columns: readonly BudgetColumn[], placer: Placer): PrintedChange[] {
  const initial = columns.filter((c) => c.type === 'initial');
  const current = initial[0];
  const base = initial.find((c) => current && c.fiscalYear === current.fiscalYear - 1);
  const out: PrintedChange[] = [];
  for (const row of raw.rows) {
    if (row.change === undefined && row.percent === undefined) continue;
    if (!current || !base || row.change === undefined || row.percent === undefined) {
      placer.unplaced.push({
        line: row.line,
        text: `${row.change ?? ''} ${row.percent ?? ''}`.trim(),
        reason: !current || !base ? 'a change with no two consecutive initial budgets to compare' : 'a change needs both 増▲減額 and 増▲減率; one is missing',
      });
      continue;
    }
    placer.at(['changes', out.length, 'amount'], row.line);
    placer.at(['changes', out.length, 'percent'], row.line);
    out.push({ scope: row.scope, fiscalYear: current.fiscalYear, baseFiscalYear: base.fiscalYear, amount: row.change, percent: row.percent });
  }
  return out;
}

function adjustmentFund(raw: RawEdition, reference: Reference, known: readonly KnownDocument[], placer: Placer): AdjustmentFund | undefined {
  const fund = raw.adjustmentFund;
  if (!fund) return undefined;
  const ministry = reference.ministries.find((m) => m.name === fund.ministryName || m.shortName === fund.ministryName);
  if (!ministry) {
    placer.unplaced.push({ line: fund.line, text: fund.text, reason: `the adjustment fund's ministry 「${fund.ministryName}」 is not in reference.yaml; the fund is left out` });
    return undefined;
  }
  const nameEn = editionsNewestFirst(known).find((k) => k.value.adjustmentFund?.name === fund.name)?.value.adjustmentFund?.nameEn;
  for (const key of ['fiscalYear', 'name', 'ministry', 'total', 'medicalShare', 'text']) placer.at(['adjustmentFund', key], fund.line);
  return {
    fiscalYear: raw.fiscalYear,
    name: fund.name,
    nameEn: nameEn ?? placer.fill(['adjustmentFund', 'nameEn'], `the English name of 「${fund.name}」: no earlier edition names this fund`),
    ministry: ministry.code,
    total: fund.total,
    medicalShare: fund.medicalShare,
    text: fund.text,
  };
}

/** Matches printed project names to reference projects: by name first, then by number (a rename). */
function matchProjects(projects: readonly { number: number; name: string }[], candidates: readonly Project[], period: number): (Project | undefined)[] {
  const taken = new Set<string>();
  const byName = projects.map((p) => candidates.find((c) => c.name === p.name));
  byName.forEach((c) => c && taken.add(c.id));
  return projects.map((p, i) => {
    const named = byName[i];
    if (named) return named;
    const numbered = candidates.find((c) => c.number === p.number && c.period === period && !taken.has(c.id));
    if (numbered) taken.add(numbered.id);
    return numbered;
  });
}

function projectFigure(project: RawProject, id: string, i: number, placer: Placer): ProjectFigure {
  const path = ['projectBudget', 'projects', i];
  placer.at([...path, 'project'], project.line);
  placer.at([...path, 'number'], project.line);
  placer.at([...path, 'name'], project.line);
  placer.at([...path, 'fundBased'], project.line);
  placer.at([...path, 'split'], project.line);
  if (project.total !== undefined) placer.at([...path, 'total'], project.line);
  if (project.split && project.split !== 'amed-only') {
    placer.at([...path, 'split', 'amed'], project.line);
    placer.at([...path, 'split', 'inhouse'], project.line);
  }
  if (project.total === undefined && !project.fundWhole)
    placer.unplaced.push({ line: project.line, text: project.name, reason: `project ${project.number} prints no amount and is not 【基金事業】; written as unknown` });
  if (!project.split) placer.fill([...path, 'split'], `the AMED / in-house split of project ${project.number} (written as amed-only; check the text)`);
  const text = project.initiatives?.value;
  if (project.initiatives) placer.at([...path, 'initiatives', 'text'], project.initiatives.line);
  else placer.fill([...path, 'initiatives', 'text'], `project ${project.number} has no initiatives paragraph in the text`);
  project.items.forEach((item, j) => placer.at([...path, 'initiatives', 'items', j], item.line));
  return {
    project: id,
    number: project.number,
    name: project.name,
    total: project.total ?? UNKNOWN,
    split: project.split ?? 'amed-only',
    fundBased: project.fundWhole ? 'whole' : text && /一部基金事業/.test(text) ? 'part' : 'none',
    initiatives: { text: text ?? '', items: project.items.map((item) => item.value) },
  };
}

function proposedId(period: number, number: number): string {
  return `p${period}-project-${number}`;
}

function projectBudget(raw: RawEdition, reference: Reference, placer: Placer, names: PrintedName[]): { budget?: ProjectBudget; period?: Draft['period'] } {
  const strategy = raw.strategy;
  if (raw.projects.length === 0) return {};
  let period = strategy?.period;
  if (period === undefined) {
    const containing = reference.periods.find((p) => p.from <= raw.fiscalYear && raw.fiscalYear <= p.to);
    if (!containing) {
      placer.unplaced.push({ line: raw.projects[0]?.line ?? raw.title.line, text: '', reason: 'the strategy period (第N期健康・医療戦略) is not stated and no period of reference.yaml covers this year; the projects are left out' });
      return {};
    }
    period = containing.period;
    placer.inferred.push({ path: 'projectBudget.period', line: raw.projects[0]?.line ?? 0, reason: `the text names no 第N期健康・医療戦略; ${containing.name} covers ${raw.fiscalYear} in reference.yaml` });
  } else if (strategy) placer.at(['projectBudget', 'period'], strategy.strategyText.line);
  const known = reference.periods.some((p) => p.period === period);
  const candidates = reference.projects.filter((p) => p.period === period);
  const matches = matchProjects(raw.projects, candidates, period);
  const projects = raw.projects.map((p, i) => {
    const match = matches[i];
    const id = match?.id ?? proposedId(period, p.number);
    names.push({ index: i, number: p.number, printed: p.name, line: p.line, project: match, id });
    return projectFigure(p, id, i, placer);
  });
  if (strategy) {
    placer.at(['projectBudget', 'strategyText'], strategy.strategyText.line);
    if (strategy.focusText) placer.at(['projectBudget', 'focusText'], strategy.focusText.line);
  } else placer.fill(['projectBudget', 'strategyText'], 'no paragraph introduces the projects');
  const remaining = raw.remaining;
  if (remaining) {
    if (remaining.amed !== undefined) placer.at(['projectBudget', 'remaining', 'amed'], remaining.line);
    if (remaining.inhouse !== undefined) placer.at(['projectBudget', 'remaining', 'inhouse'], remaining.line);
    placer.at(['projectBudget', 'remaining', 'text'], remaining.line);
  }
  return {
    period: { period, from: strategy?.from, to: strategy?.to, projectCount: strategy?.projectCount, known },
    budget: {
      fiscalYear: raw.columns.find((c) => c.type === 'initial')?.fiscalYear ?? raw.fiscalYear,
      period,
      strategyText: strategy?.strategyText.value ?? '',
      ...(strategy?.focusText ? { focusText: strategy.focusText.value } : {}),
      projects,
      remaining: remaining
        ? { amed: remaining.amed ?? UNKNOWN, inhouse: remaining.inhouse ?? UNKNOWN, text: remaining.text }
        : { amed: UNKNOWN, inhouse: UNKNOWN },
    },
  };
}

function flagsOf(points: readonly string[]): ProgramFlag[] {
  const flags: ProgramFlag[] = [];
  for (const point of points) {
    const m = /^【([^】]+)】/.exec(point);
    for (const flag of m?.[1]?.split(/[・、,]/) ?? [])
      if ((FLAGS as readonly string[]).includes(flag) && !flags.includes(flag as ProgramFlag)) flags.push(flag as ProgramFlag);
  }
  return flags;
}

function programDetail(
  detail: RawDetail,
  i: number,
  id: string,
  known: readonly KnownDocument[],
  placer: Placer,
): ProgramDetail | undefined {
  const path: PropertyKey[] = ['programDetails', i];
  if (!detail.label || detail.fiscalYear === undefined || !detail.amed) {
    placer.unplaced.push({ line: detail.line, text: detail.name, reason: 'a program detail page without its 「令和N年度予算額」 amounts; the page is left out' });
    return undefined;
  }
  placer.at([...path, 'project'], detail.line);
  placer.at([...path, 'label'], detail.label.line);
  placer.at([...path, 'fiscalYear'], detail.label.line);
  placer.at([...path, 'amed'], detail.amed.line);
  if (detail.inhouse) placer.at([...path, 'inhouse'], detail.inhouse.line);
  else placer.inferred.push({ path: formatPath([...path, 'inhouse']), line: detail.line, reason: 'the page prints no インハウス研究機関経費; written as 0' });
  if (detail.description) placer.at([...path, 'description'], detail.description.line);

  const knownGroups = editionsNewestFirst(known).flatMap((k) => k.value.programDetails.flatMap((d) => d.groups));
  const knownPrograms = editionsNewestFirst(known).flatMap((k) => k.value.programDetails.flatMap((d) => d.programs.map((p) => ({ program: p, groups: d.groups }))));
  const groups = detail.groups.map((g, k) => {
    const match = knownGroups.find((kg) => kg.heading === g.heading);
    placer.at([...path, 'groups', k, 'heading'], g.line);
    return {
      id: match?.id ?? `group-${k + 1}`,
      name: match?.name ?? placer.fill([...path, 'groups', k, 'name'], `a short name for the group 「${g.heading}」 (no earlier edition has this heading)`),
      nameEn: match?.nameEn ?? placer.fill([...path, 'groups', k, 'nameEn'], `the English name of the group 「${g.heading}」`),
      heading: g.heading,
    };
  });
  const listed = detail.groups.flatMap((g, k) => g.programs.map((p) => ({ key: p, group: groups[k]?.id ?? '' })));
  let previousGroup: string | undefined;
  const programs: Program[] = [];
  detail.programs.forEach((p) => {
    if (!p.amount) {
      placer.unplaced.push({ line: p.line, text: p.name, reason: `program 「${p.name}」 has no 予算額 line; it is left out` });
      return;
    }
    const k = programs.length;
    const ppath = [...path, 'programs', k];
    const at = (key: PropertyKey, line: number) => placer.at([...path, 'programs', k, key], line);
    at('name', p.line);
    at('summary', p.line);
    at('amount', p.amount.line);
    if (p.inhouseAmount) at('inhouseAmount', p.inhouseAmount.line);
    const entry = listed.find((l) => l.key.name === p.name);
    let group = entry?.group;
    if (!group) {
      // Not among the key points: the page lists programs group by group, so it belongs with the one before it.
      const before = knownPrograms.find((kp) => kp.program.name === p.name);
      const knownGroup = before && groups.find((g) => g.id === before.program.group) ? before.program.group : undefined;
      group = knownGroup ?? previousGroup ?? groups[0]?.id ?? '';
      placer.inferred.push({
        path: formatPath([...ppath, 'group']),
        line: p.line,
        reason: knownGroup
          ? `「${p.name}」 is not on the key-points page; group ${group} as in an earlier edition`
          : `「${p.name}」 is not on the key-points page; placed in the group of the program listed before it (${group})`,
      });
    }
    previousGroup = group;
    let ministry: Program['ministry'] = UNKNOWN;
    if (entry) {
      at('ministry', entry.key.line);
      if (isMinistryCode(entry.key.ministry)) ministry = entry.key.ministry;
      else placer.unplaced.push({ line: entry.key.line, text: entry.key.ministry, reason: `「${entry.key.ministry}」 is not a ministry code; the ministry of 「${p.name}」 is written as unknown` });
      entry.key.points.forEach((point, m) => placer.at([...path, 'programs', k, 'points', m], point.line));
    }
    const points = entry?.key.points.map((pt) => pt.value) ?? [];
    const flags = flagsOf(points);
    const flagged = entry?.key.points.find((pt) => flagsOf([pt.value]).length > 0);
    if (flagged) at('flags', flagged.line);
    programs.push({
      name: p.name,
      summary: p.summary,
      amount: p.amount.value,
      ...(p.inhouseAmount ? { inhouseAmount: p.inhouseAmount.value } : {}),
      ministry,
      group,
      flags,
      points,
    });
  });
  for (const { key } of listed)
    if (!detail.programs.some((p) => p.name === key.name))
      placer.unplaced.push({ line: key.line, text: key.name, reason: `「${key.name}」 is on the key-points page but not on the program detail page; its points are left out` });
  detail.notes.forEach((note, n) => placer.at([...path, 'notes', n], note.line));
  return {
    project: id,
    fiscalYear: detail.fiscalYear,
    label: detail.label.value,
    draft: detail.draft,
    amed: detail.amed.value,
    inhouse: detail.inhouse?.value ?? 0,
    description: detail.description?.value ?? placer.fill([...path, 'description'], 'the description paragraph of the page was not found'),
    groups,
    programs,
    notes: detail.notes.map((n) => n.value),
  };
}

export function assembleDraft(raw: RawEdition, textFile: string, reference: Reference, known: readonly KnownDocument[]): Draft {
  const placer = new Placer(raw.unplaced);
  const names: PrintedName[] = [];
  const document = documentInfo(raw, textFile, known, placer);
  const columns = budgets(raw, placer);
  const printedChanges = changes(raw, columns, placer);
  const fund = adjustmentFund(raw, reference, known, placer);
  const { budget, period } = projectBudget(raw, reference, placer, names);
  const details: ProgramDetail[] = [];
  for (const detail of raw.details) {
    const printed = names.find((n) => n.printed === detail.name) ?? names.find((n) => n.number === detail.number);
    if (!printed) {
      placer.unplaced.push({ line: detail.line, text: detail.name, reason: 'a program detail page for a project not in the project list; the page is left out' });
      continue;
    }
    const value = programDetail(detail, details.length, printed.id, known, placer);
    if (value) details.push(value);
  }
  if (columns.length === 0) placer.missing.push({ section: 'budgets', line: raw.title.line, reason: 'no budget column could be read: the draft has no headline figures' });
  if (!budget)
    placer.missing.push({ section: 'projectBudget', line: raw.projects[0]?.line ?? raw.title.line, reason: raw.projects.length === 0 ? 'no project list (1. …プロジェクト lines) was found' : 'the projects could not be placed (see above)' });
  return {
    document: {
      document: { ...document, coverage: placer.missing.length > 0 ? 'partial' : 'full' },
      budgets: columns,
      changes: printedChanges,
      ...(fund ? { adjustmentFund: fund } : {}),
      ...(budget ? { projectBudget: budget } : {}),
      programDetails: details,
      restatements: [],
    },
    missing: placer.missing,
    sourceLines: placer.sourceLines,
    unplaced: placer.unplaced.sort((a, b) => a.line - b.line),
    toFill: placer.toFill,
    inferred: placer.inferred,
    names,
    period,
  };
}
