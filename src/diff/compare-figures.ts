import type { BriefingData, Figure } from '../schema/briefing-data.ts';

export interface FigureChange {
  id: string;
  label: string;
  old: string;
  new: string;
  oldValue: number | null;
  newValue: number | null;
}

export interface FigureListing {
  id: string;
  label: string;
  display: string;
}

export interface FigureDiff {
  changed: FigureChange[];
  added: FigureListing[];
  removed: FigureListing[];
}

const listing = (f: Figure): FigureListing => ({ id: f.id, label: f.label, display: f.display });

/** Figures matched by id: a value or printed form that differs is a change; the rest are added or removed. */
export function compareFigures(before: BriefingData, after: BriefingData): FigureDiff {
  const old = new Map(before.figures.map((f) => [f.id, f]));
  const now = new Map(after.figures.map((f) => [f.id, f]));
  const changed: FigureChange[] = [];
  for (const f of after.figures) {
    const o = old.get(f.id);
    if (o && (o.value !== f.value || o.display !== f.display))
      changed.push({ id: f.id, label: f.label, old: o.display, new: f.display, oldValue: o.value, newValue: f.value });
  }
  return {
    changed,
    added: after.figures.filter((f) => !old.has(f.id)).map(listing),
    removed: before.figures.filter((f) => !now.has(f.id)).map(listing),
  };
}
