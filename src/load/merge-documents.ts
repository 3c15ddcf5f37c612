import type { Problem } from '../problems.ts';
import type { Locate } from './read-data-file.ts';
import { describeValue, documentPath, leafDifferences, withLeaf } from './restatements.ts';
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
 * The line of a field in each document file, for messages that name both editions. Kept out of
 * LoadedDocument: the dataset stays plain data (it is cloned and passed around whole).
 */
export type Locators = ReadonlyMap<string, Locate>;

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
  doc: LoadedDocument;
  /** Where the value sits in its document, e.g. ['budgets', 1]. */
  at: PropertyKey[];
}

/** Figures that are only descriptive (labels, wording) do not make a conflict. */
const IGNORED = new Set(['label', 'text', 'source']);

function withoutDescriptive(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !IGNORED.has(k)));
}

const fileName = (doc: LoadedDocument) => doc.file.split(/[\\/]/).at(-1) ?? doc.file;
const where = (locators: Locators, doc: LoadedDocument, path: PropertyKey[]) => {
  const line = locators.get(doc.file)?.(path);
  return `${fileName(doc)}${line === undefined ? '' : `:${line}`}`;
};

class Merger<T extends object> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(
    private readonly what: string,
    private readonly conflicts: Problem[],
    /** `${document id} ${path}` of every restatement pin that matched a difference. */
    private readonly usedPins: Set<string>,
    private readonly locators: Locators,
  ) {}

  add(key: string, value: T, doc: LoadedDocument, at: PropertyKey[]): void {
    const entry: Entry<T> = { value: { ...value, source: doc.info.id }, edition: doc.info.editionFiscalYear, doc, at };
    const existing = this.entries.get(key);
    if (!existing) {
      this.entries.set(key, entry);
      return;
    }
    const [older, newer] = existing.edition <= entry.edition ? [existing, entry] : [entry, existing];
    const diffs = leafDifferences(withoutDescriptive(older.value), withoutDescriptive(newer.value)).filter((d) => d.path[0] !== 'source');
    let merged: Sourced<T> = newer.value;
    let keptEarlier = 0;
    for (const diff of diffs) {
      const path = documentPath(newer.at, diff);
      const fullPath = [...newer.at, ...diff.path];
      const pin = newer.doc.value.restatements.find((r) => r.path === path);
      if (pin) this.usedPins.add(`${newer.doc.info.id} ${path}`);
      if (pin?.use === 'earlier') {
        merged = withLeaf(merged, diff.path, diff.earlier);
        keptEarlier++;
        continue;
      }
      if (pin?.use === 'this') continue;
      const earlierAt = where(this.locators, older.doc, [...older.at, ...diff.path]);
      const laterAt = where(this.locators, newer.doc, fullPath);
      this.conflicts.push({
        severity: 'warning',
        file: newer.doc.file,
        path,
        line: this.locators.get(newer.doc.file)?.(fullPath),
        message: `${this.what} ${key} is restated: ${older.value.source} (${earlierAt}) has ${describeValue(diff.earlier)}, ${newer.value.source} (${laterAt}) has ${describeValue(diff.later)}; using ${describeValue(diff.later)} from ${newer.value.source}, because by default the later edition restates the earlier one`,
        hint: `if ${fileName(newer.doc)} is mistyped, correct it (validate checks it against its text); to keep ${describeValue(diff.earlier)} add to ${fileName(newer.doc)}: restatements: [{ path: "${path}", use: earlier }]; use: this accepts ${describeValue(diff.later)} and ends this warning. Briefings of earlier editions keep the figure as ${older.value.source} published it`,
      });
    }
    // Where every difference is pinned to the earlier edition, its statement stands, with its source.
    this.entries.set(key, diffs.length > 0 && keptEarlier === diffs.length ? older : { ...newer, value: merged });
  }

  values(): Sourced<T>[] {
    return [...this.entries.values()].map((e) => e.value);
  }
}

/** A pin that matched no difference changes nothing: say so, it is likely a wrong path. */
function unusedPins(documents: readonly LoadedDocument[], used: ReadonlySet<string>, locators: Locators): Problem[] {
  return documents.flatMap((doc) =>
    doc.value.restatements.flatMap((pin, i): Problem[] =>
      used.has(`${doc.info.id} ${pin.path}`)
        ? []
        : [
            {
              severity: 'warning',
              file: doc.file,
              path: `restatements[${i}].path`,
              line: locators.get(doc.file)?.(['restatements', i, 'path']),
              message: `no earlier edition states ${pin.path} differently, so this pin changes nothing`,
              hint: 'check the path against the warning that proposed it (e.g. budgets[1].scopes.amed.ministries.厚), or remove the pin',
            },
          ],
    ),
  );
}

export function mergeDocuments(
  reference: Reference,
  mapping: ProjectMapping,
  documents: readonly LoadedDocument[],
  locators: Locators = new Map(),
): { dataset: Dataset; conflicts: Problem[] } {
  const conflicts: Problem[] = [];
  const used = new Set<string>();
  const budgets = new Merger<BudgetColumn>('budget', conflicts, used, locators);
  const changes = new Merger<PrintedChange>('change', conflicts, used, locators);
  const funds = new Merger<AdjustmentFund>('adjustment fund', conflicts, used, locators);
  const projects = new Merger<ProjectBudget>('project budget', conflicts, used, locators);
  const programs = new Merger<ProgramDetail>('program detail', conflicts, used, locators);

  const ordered = [...documents].sort((a, b) => a.info.editionFiscalYear - b.info.editionFiscalYear);
  for (const doc of ordered) {
    const v = doc.value;
    v.budgets.forEach((b, i) => budgets.add(`FY${b.fiscalYear} ${b.type}`, b, doc, ['budgets', i]));
    v.changes.forEach((c, i) => changes.add(`FY${c.fiscalYear}/FY${c.baseFiscalYear} ${c.scope}`, c, doc, ['changes', i]));
    if (v.adjustmentFund) funds.add(`FY${v.adjustmentFund.fiscalYear}`, v.adjustmentFund, doc, ['adjustmentFund']);
    if (v.projectBudget) projects.add(`FY${v.projectBudget.fiscalYear}`, v.projectBudget, doc, ['projectBudget']);
    v.programDetails.forEach((d, i) => programs.add(`${d.project} FY${d.fiscalYear}`, d, doc, ['programDetails', i]));
  }
  conflicts.push(...unusedPins(ordered, used, locators));

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
