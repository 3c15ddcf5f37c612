import type { BudgetColumn } from '../schema/source-document.ts';
import { scopeTotal } from './lookup.ts';

/** A supplementary budget's total: printed where the document prints one, else the sum of both scopes. */
export interface SupplementaryTotal {
  /** null where the document prints no total and does not state both scopes. */
  value: number | null;
  printed: boolean;
}

/**
 * The one place that decides a supplementary budget's total. The documents usually print it
 * beside the supplementary column; where they do not, the sum of the stated scopes stands in for it, but
 * only when both are stated: the total of one scope would pass for the whole budget.
 */
export function supplementaryTotal(column: BudgetColumn): SupplementaryTotal {
  if (column.total !== undefined) return { value: column.total, printed: true };
  const amed = scopeTotal(column, 'amed');
  const inhouse = scopeTotal(column, 'inhouse');
  return { value: amed === null || inhouse === null ? null : amed + inhouse, printed: false };
}
