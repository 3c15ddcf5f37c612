import { isDeepStrictEqual } from 'node:util';
import type { Problem } from '../problems.ts';
import type { ProjectMapping, Reference } from '../schema/reference.ts';
import type {
  AdjustmentFund,
  BudgetColumn,
  DocumentInfo,
  PrintedChange,
  ProgramDetail,
  ProjectBudget,
  SourceDocument,
} from '../schema/source-document.ts';

/** Every figure in the dataset names the document that states it. */
export type Sourced<T> = T & { source: string };

export interface LoadedDocument {
  info: DocumentInfo;
  file: string;
  textFile: string;
  value: SourceDocument;
}

/**
 * The validated dataset: the documents merged, later editions winning. Each briefing is built
 * from the documents it needs only (see select-documents.ts), merged again from `editions`.
 */
export interface Dataset {
  reference: Reference;
  mapping: ProjectMapping;
  documents: DocumentInfo[];
  /** Every loaded document, oldest edition first. */
  editions: LoadedDocument[];
  budgets: Sourced<BudgetColumn>[];
  changes: Sourced<PrintedChange>[];
  adjustmentFunds: Sourced<AdjustmentFund>[];
  projectBudgets: Sourced<ProjectBudget>[];
  programDetails: Sourced<ProgramDetail>[];
}

interface Entry<T> {
  value: Sourced<T>;
  edition: number;
  file: string;
}

/** Leaf paths where two statements of the same figures differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  return [`${path || '(value)'}: ${JSON.stringify(a) ?? 'absent'} vs ${JSON.stringify(b) ?? 'absent'}`];
}

/** Figures that are only descriptive (labels, wording) do not make a conflict. */
const IGNORED = new Set(['label', 'text', 'source']);

function withoutDescriptive(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !IGNORED.has(k)));
}

class Merger<T extends object> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(
    private readonly what: string,
    private readonly conflicts: Problem[],
  ) {}

  add(key: string, value: T, doc: LoadedDocument): void {
    const entry: Entry<T> = {
      value: { ...value, source: doc.info.id },
      edition: doc.info.editionFiscalYear,
      file: doc.file,
    };
    const existing = this.entries.get(key);
    if (!existing) {
      this.entries.set(key, entry);
      return;
    }
    const [older, newer] = existing.edition <= entry.edition ? [existing, entry] : [entry, existing];
    const diff = differences(withoutDescriptive(older.value), withoutDescriptive(newer.value)).filter(
      (d) => !d.startsWith('source'),
    );
    if (diff.length > 0) {
      this.conflicts.push({
        severity: 'warning',
        file: newer.file,
        message: `${this.what} ${key} is stated differently by ${older.value.source} and ${newer.value.source}: ${diff.join('; ')}`,
        hint: `the later edition (${newer.value.source}) wins in the briefings built from it; briefings of earlier editions keep the figure as ${older.value.source} published it`,
      });
    }
    this.entries.set(key, newer);
  }

  values(): Sourced<T>[] {
    return [...this.entries.values()].map((e) => e.value);
  }
}

export function mergeDocuments(
  reference: Reference,
  mapping: ProjectMapping,
  documents: readonly LoadedDocument[],
): { dataset: Dataset; conflicts: Problem[] } {
  const conflicts: Problem[] = [];
  const budgets = new Merger<BudgetColumn>('budget', conflicts);
  const changes = new Merger<PrintedChange>('change', conflicts);
  const funds = new Merger<AdjustmentFund>('adjustment fund', conflicts);
  const projects = new Merger<ProjectBudget>('project budget', conflicts);
  const programs = new Merger<ProgramDetail>('program detail', conflicts);

  const ordered = [...documents].sort((a, b) => a.info.editionFiscalYear - b.info.editionFiscalYear);
  for (const doc of ordered) {
    const v = doc.value;
    v.budgets.forEach((b) => budgets.add(`FY${b.fiscalYear} ${b.type}`, b, doc));
    v.changes.forEach((c) => changes.add(`FY${c.fiscalYear}/FY${c.baseFiscalYear} ${c.scope}`, c, doc));
    if (v.adjustmentFund) funds.add(`FY${v.adjustmentFund.fiscalYear}`, v.adjustmentFund, doc);
    if (v.projectBudget) projects.add(`FY${v.projectBudget.fiscalYear}`, v.projectBudget, doc);
    v.programDetails.forEach((d) => programs.add(`${d.project} FY${d.fiscalYear}`, d, doc));
  }

  const byYear = <T extends { fiscalYear: number }>(a: T, b: T) => a.fiscalYear - b.fiscalYear;
  return {
    conflicts,
    dataset: {
      reference,
      mapping,
      documents: ordered.map((d) => d.info),
      editions: ordered,
      budgets: budgets.values().sort((a, b) => byYear(a, b) || a.type.localeCompare(b.type)),
      changes: changes.values().sort(byYear),
      adjustmentFunds: funds.values().sort(byYear),
      projectBudgets: projects.values().sort(byYear),
      programDetails: programs.values().sort(byYear),
    },
  };
}
