import type { DataFile } from '../load/read-data-file.ts';
import { formatPath, type Problem } from '../problems.ts';
import type { ProjectMapping, Reference } from '../schema/reference.ts';
import type { SourceDocument } from '../schema/source-document.ts';

/** Checks that the files agree with each other: ids exist, years are not duplicated, counts match. */
type Report = (path: PropertyKey[], message: string, hint: string) => void;

function reporter<T>(file: DataFile<T>, problems: Problem[]): Report {
  return (path, message, hint) =>
    problems.push({
      severity: 'error',
      file: file.file,
      path: formatPath(path),
      line: file.locate(path),
      message,
      hint,
    });
}

export function checkReference(file: DataFile<Reference>, documentIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const ref = file.value;
  if (!ref) return problems;
  const report = reporter(file, problems);
  const seen = new Set<string>();
  ref.ministries.forEach((m, i) => {
    if (seen.has(m.code)) report(['ministries', i, 'code'], `ministry code ${m.code} is listed twice`, 'keep one entry per code');
    seen.add(m.code);
  });
  const ids = new Set<string>();
  ref.projects.forEach((p, i) => {
    if (ids.has(p.id)) report(['projects', i, 'id'], `project id "${p.id}" is listed twice`, 'give each project its own id');
    ids.add(p.id);
    if (!ref.periods.some((period) => period.period === p.period))
      report(['projects', i, 'period'], `project "${p.id}" names strategy period ${p.period}, which is not listed under periods`, 'add the period or correct the number');
  });
  ref.periods.forEach((period, i) => {
    const count = ref.projects.filter((p) => p.period === period.period).length;
    if (count !== period.projectCount)
      report(['periods', i, 'projectCount'], `${period.name} has projectCount ${period.projectCount}, but ${count} projects are listed for it`, 'list every project of the period, or correct projectCount');
    if (period.from > period.to)
      report(['periods', i, 'to'], `${period.name} ends (${period.to}) before it starts (${period.from})`, 'correct the years');
    if (documentIds.size > 0 && !documentIds.has(period.statedIn))
      report(['periods', i, 'statedIn'], `no document with id "${period.statedIn}" is in data/documents`, 'name the document that states this period');
  });
  return problems;
}

export function checkMapping(file: DataFile<ProjectMapping>, ref: Reference): Problem[] {
  const problems: Problem[] = [];
  const mapping = file.value;
  if (!mapping) return problems;
  const report = reporter(file, problems);
  const periodOf = new Map(ref.projects.map((p) => [p.id, p.period]));

  const expectIn = (path: PropertyKey[], id: string, period: number) => {
    const actual = periodOf.get(id);
    if (actual === undefined) report(path, `unknown project "${id}"`, 'use a project id from data/reference.yaml');
    else if (actual !== period)
      report(path, `project "${id}" belongs to period ${actual}, not ${period}`, 'the from side names earlier-period projects, the to side later ones');
  };
  const fromCount = new Map<string, number>();
  const toCount = new Map<string, number>();
  const bump = (m: Map<string, number>, id: string) => m.set(id, (m.get(id) ?? 0) + 1);

  mapping.links.forEach((link, i) => {
    link.from.forEach((id, j) => (expectIn(['links', i, 'from', j], id, mapping.fromPeriod), bump(fromCount, id)));
    link.to.forEach((id, j) => (expectIn(['links', i, 'to', j], id, mapping.toPeriod), bump(toCount, id)));
    if (link.kind !== 'group' && (link.from.length !== 1 || link.to.length !== 1))
      report(['links', i, 'kind'], `a "${link.kind}" link joins exactly one project to one project; this one has ${link.from.length} → ${link.to.length}`, 'use kind: group for several projects');
  });
  mapping.new.forEach((id, j) => (expectIn(['new', j], id, mapping.toPeriod), bump(toCount, id)));
  mapping.ended.forEach((id, j) => (expectIn(['ended', j], id, mapping.fromPeriod), bump(fromCount, id)));

  for (const [period, counts, side] of [
    [mapping.fromPeriod, fromCount, 'links[].from or ended'],
    [mapping.toPeriod, toCount, 'links[].to or new'],
  ] as const) {
    for (const project of ref.projects.filter((p) => p.period === period)) {
      const n = counts.get(project.id) ?? 0;
      if (n !== 1)
        report([], `project "${project.id}" appears ${n} times in ${side}; every project of period ${period} must appear exactly once`, 'map each project once, so that no comparison is left out or counted twice');
    }
  }
  return problems;
}

export function checkDocument(file: DataFile<SourceDocument>, ref: Reference): Problem[] {
  const problems: Problem[] = [];
  const doc = file.value;
  if (!doc) return problems;
  const report = reporter(file, problems);

  const columns = new Set<string>();
  doc.budgets.forEach((c, i) => {
    const key = `${c.fiscalYear}/${c.type}`;
    if (columns.has(key))
      report(['budgets', i, 'fiscalYear'], `duplicate year: ${c.type === 'initial' ? 'an initial' : 'a supplementary'} budget for ${c.fiscalYear} is already listed`, 'keep one column per fiscal year and budget type');
    columns.add(key);
  });
  const hasInitial = (fy: number) => columns.has(`${fy}/initial`);
  const partial = doc.document.coverage === 'partial';
  if (!partial) problems.push(...checkComplete(file));

  doc.changes.forEach((change, i) => {
    // A partial edition may print a change (前年度比) without the base year's budget.
    for (const key of partial ? (['fiscalYear'] as const) : (['fiscalYear', 'baseFiscalYear'] as const))
      if (!hasInitial(change[key]))
        report(['changes', i, key], `no initial budget for ${change[key]} in this document to compare with`, 'add the budget column or correct the year');
  });

  const budget = doc.projectBudget;
  if (budget) {
    const period = ref.periods.find((p) => p.period === budget.period);
    if (!period) report(['projectBudget', 'period'], `unknown strategy period ${budget.period}`, 'use a period from data/reference.yaml');
    else {
      if (budget.fiscalYear < period.from || budget.fiscalYear > period.to)
        report(['projectBudget', 'fiscalYear'], `${budget.fiscalYear} is outside ${period.name} (${period.from}–${period.to})`, 'correct the year or the period');
      if (partial ? budget.projects.length > period.projectCount : budget.projects.length !== period.projectCount)
        report(['projectBudget', 'projects'], `${period.name} has ${period.projectCount} projects; ${budget.projects.length} are listed`, 'list every project of the period');
    }
    if (!hasInitial(budget.fiscalYear))
      report(['projectBudget', 'fiscalYear'], `no initial budget for ${budget.fiscalYear} in this document`, 'the projects are reconciled with that year\'s totals; add the column');
    const seen = new Set<string>();
    budget.projects.forEach((p, i) => {
      const known = ref.projects.find((r) => r.id === p.project);
      if (!known) report(['projectBudget', 'projects', i, 'project'], `unknown project "${p.project}"`, 'use a project id from data/reference.yaml');
      else if (known.period !== budget.period)
        report(['projectBudget', 'projects', i, 'project'], `project "${p.project}" belongs to period ${known.period}, not ${budget.period}`, 'use the projects of this strategy period');
      else if (known.number !== p.number)
        report(['projectBudget', 'projects', i, 'number'], `project "${p.project}" is number ${known.number} in the reference, not ${p.number}`, 'correct the number');
      if (seen.has(p.project)) report(['projectBudget', 'projects', i, 'project'], `project "${p.project}" is listed twice`, 'keep one entry per project');
      seen.add(p.project);
      if (p.total === 'unknown' && p.fundBased !== 'whole' && !(partial && p.fundBased === 'unknown'))
        report(['projectBudget', 'projects', i, 'total'], 'only a fund-based project (【基金事業】) may have no amount', 'enter the amount as printed, or mark the project fundBased: whole');
    });
  }

  doc.programDetails.forEach((detail, i) => {
    if (!ref.projects.some((p) => p.id === detail.project))
      report(['programDetails', i, 'project'], `unknown project "${detail.project}"`, 'use a project id from data/reference.yaml');
    const groups = new Set(detail.groups.map((g) => g.id));
    if (groups.size !== detail.groups.length)
      report(['programDetails', i, 'groups'], 'group ids must be unique', 'rename the duplicate group');
    detail.programs.forEach((program, j) => {
      if (!groups.has(program.group))
        report(['programDetails', i, 'programs', j, 'group'], `unknown group "${program.group}"; expected one of ${[...groups].join(', ')}`, 'use a group id listed under groups');
      if (new Set(program.flags).size !== program.flags.length)
        report(['programDetails', i, 'programs', j, 'flags'], 'a flag is listed twice', 'list each flag once');
    });
  });
  return problems;
}

/**
 * A full edition (the default) states everything the layout of an edition has; leaving a figure
 * out or unknown is allowed only where the edition itself prints none. Partial editions are
 * exempt: they hold only what is known of them.
 */
function checkComplete(file: DataFile<SourceDocument>): Problem[] {
  const problems: Problem[] = [];
  const doc = file.value;
  if (!doc) return problems;
  const report = reporter(file, problems);
  const hint = 'transcribe it from the document; if only part of this edition is known, mark it document.coverage: partial';
  if (doc.document.lead === undefined) report(['document', 'lead'], 'a full edition gives its lead sentence; lead is missing', hint);
  if (doc.document.notes === undefined) report(['document'], 'the notes of the edition (notes) are missing; write notes: [] if it prints none', hint);
  doc.budgets.forEach((column, i) => {
    if (column.label === undefined) report(['budgets', i], 'the column heading (label) is missing', hint);
    for (const scope of ['amed', 'inhouse'] as const) {
      const figure = column.scopes[scope];
      if (figure === 'unknown') report(['budgets', i, 'scopes', scope], `the ${scope} scope is unknown; a full edition states both scopes of every column`, hint);
      else if (figure.ministries === undefined)
        report(['budgets', i, 'scopes', scope], `the ministry breakdown of the ${scope} scope is missing`, hint);
    }
  });
  doc.changes.forEach((change, i) => {
    if (change.percent === undefined) report(['changes', i], 'the printed percentage (増▲減率) is missing', hint);
  });
  const budget = doc.projectBudget;
  if (budget) {
    if (budget.strategyText === undefined) report(['projectBudget'], 'the paragraph introducing the projects (strategyText) is missing', hint);
    if (budget.remaining === undefined)
      report(['projectBudget'], `the expenses outside the projects (remaining) are missing; write amed: ${'unknown'} and inhouse: ${'unknown'} where the edition does not state them`, hint);
    budget.projects.forEach((p, i) => {
      if (p.split === 'unknown') report(['projectBudget', 'projects', i, 'split'], `project "${p.project}": the AMED / in-house split is unknown`, hint);
      if (p.fundBased === 'unknown') report(['projectBudget', 'projects', i, 'fundBased'], `project "${p.project}": whether it is fund-based is unknown`, hint);
      if (p.initiatives === undefined) report(['projectBudget', 'projects', i], `project "${p.project}": its main initiatives are missing`, hint);
    });
  }
  return problems;
}
