import type { Dataset } from '../load/merge-documents.ts';
import type { DocumentInfo } from '../schema/source-document.ts';
import type { StrategyPeriod } from '../schema/reference.ts';
import { BriefingError } from '../problems.ts';
import { namesOf, type Names } from './names.ts';

/** The documents a comparison draws on, oldest edition first: a view cites them and quotes their notes. */
export function documentsOf(dataset: Dataset, ids: readonly string[]): DocumentInfo[] {
  return dataset.documents.filter((d) => ids.includes(d.id));
}

/** A strategy period as a view names it. */
export interface PeriodFacts {
  period: number;
  names: Pick<Names, 'name' | 'nameEn'>;
  from: number;
  to: number;
  projectCount: number;
}

export function periodFacts(dataset: Dataset, period: number): PeriodFacts {
  const found: StrategyPeriod | undefined = dataset.reference.periods.find((p) => p.period === period);
  if (!found) throw new BriefingError('data', `strategy period ${period} is missing from data/reference.yaml; add it under periods`);
  return { period, names: { name: found.name, nameEn: found.nameEn }, from: found.from, to: found.to, projectCount: found.projectCount };
}

/** The names of both scopes (AMED, in-house), for every view. */
export function scopeNames(dataset: Dataset): Record<'amed' | 'inhouse', Names> {
  const of = (id: 'amed' | 'inhouse') => {
    const s = dataset.reference.scopes.find((x) => x.id === id);
    if (!s) throw new BriefingError('data', `scope ${id} is missing from data/reference.yaml`);
    return namesOf(s);
  };
  return { amed: of('amed'), inhouse: of('inhouse') };
}
