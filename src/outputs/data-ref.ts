import type { BudgetType, MinistryCode, ScopeId } from '../schema/common.ts';
import type { SourceDocument } from '../schema/source-document.ts';

/**
 * Where in a source document a printed figure is stated, by meaning rather than by position, so
 * that the figure builders need not know how a document file is laid out.
 */
export type DataRef = { document: string } & (
  | { kind: 'budget'; fiscalYear: number; type: BudgetType; scope: ScopeId; ministry?: MinistryCode }
  | { kind: 'budgetTotal'; fiscalYear: number; type: BudgetType }
  | { kind: 'change'; fiscalYear: number; baseFiscalYear: number; scope: ScopeId; field: 'amount' | 'percent' }
  | { kind: 'adjustmentFund'; fiscalYear: number; field: 'total' | 'medicalShare' }
  | { kind: 'project'; fiscalYear: number; project: string; field: 'total' | 'amed' | 'inhouse' }
  | { kind: 'remaining'; fiscalYear: number; field: 'amed' | 'inhouse' }
  | { kind: 'programDetail'; fiscalYear: number; project: string; field: 'amed' | 'inhouse' }
  | { kind: 'program'; fiscalYear: number; project: string; name: string; field: 'amount' | 'inhouseAmount' }
);

/** The field path of a reference inside its document (as problems.ts formats paths), or undefined when the document does not hold it. */
export function refPath(doc: SourceDocument, ref: DataRef): (string | number)[] | undefined {
  const found = (i: number) => (i >= 0 ? i : undefined);
  switch (ref.kind) {
    case 'budget':
    case 'budgetTotal': {
      const i = found(doc.budgets.findIndex((b) => b.fiscalYear === ref.fiscalYear && b.type === ref.type));
      if (i === undefined) return undefined;
      if (ref.kind === 'budgetTotal') return ['budgets', i, 'total'];
      return ref.ministry ? ['budgets', i, 'scopes', ref.scope, 'ministries', ref.ministry] : ['budgets', i, 'scopes', ref.scope, 'total'];
    }
    case 'change': {
      const i = found(doc.changes.findIndex((c) => c.scope === ref.scope && c.fiscalYear === ref.fiscalYear && c.baseFiscalYear === ref.baseFiscalYear));
      return i === undefined ? undefined : ['changes', i, ref.field];
    }
    case 'adjustmentFund':
      return doc.adjustmentFund?.fiscalYear === ref.fiscalYear ? ['adjustmentFund', ref.field] : undefined;
    case 'project': {
      if (doc.projectBudget?.fiscalYear !== ref.fiscalYear) return undefined;
      const i = found(doc.projectBudget.projects.findIndex((p) => p.project === ref.project));
      if (i === undefined) return undefined;
      const p = doc.projectBudget.projects[i];
      // An <AMED> project states only its total: its AMED part is that total.
      if (ref.field === 'total' || p?.split === 'amed-only') return ['projectBudget', 'projects', i, 'total'];
      return ['projectBudget', 'projects', i, 'split', ref.field];
    }
    case 'remaining':
      return doc.projectBudget?.fiscalYear === ref.fiscalYear ? ['projectBudget', 'remaining', ref.field] : undefined;
    case 'programDetail': {
      const i = found(doc.programDetails.findIndex((d) => d.project === ref.project && d.fiscalYear === ref.fiscalYear));
      return i === undefined ? undefined : ['programDetails', i, ref.field];
    }
    case 'program': {
      const i = found(doc.programDetails.findIndex((d) => d.project === ref.project && d.fiscalYear === ref.fiscalYear));
      if (i === undefined) return undefined;
      const j = found(doc.programDetails[i]?.programs.findIndex((p) => p.name === ref.name) ?? -1);
      return j === undefined ? undefined : ['programDetails', i, 'programs', j, ref.field];
    }
  }
}
