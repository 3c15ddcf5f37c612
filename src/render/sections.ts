import path from 'node:path';
import { BriefingError } from '../problems.ts';
import type { SectionId } from '../schema/department.ts';
import type { BriefingKind } from '../schema/briefing.ts';
import type { TemplateSet } from './template-set.ts';

/** The sections each kind of edition can show, in their default order; each is a partial. */
const SECTIONS: Partial<Record<BriefingKind, { prefix: string; sections: SectionId[] }>> = {
  'year-comparison': { prefix: 'yoy', sections: ['headline', 'scopes', 'supplementary', 'projects', 'initiatives', 'notes'] },
  'ministry-edition': { prefix: 'ministry', sections: ['headline', 'scopes', 'supplementary', 'trend', 'programs', 'notes'] },
};

export interface SectionRef {
  id: SectionId;
  partial: string;
}

/** The department's sections (or the default), checked against what the kind offers. */
export function sectionsFor(kind: BriefingKind, templates: TemplateSet): SectionRef[] {
  const known = SECTIONS[kind];
  if (!known) return [];
  const wanted = templates.department?.settings.sections ?? known.sections;
  for (const id of wanted)
    if (!known.sections.includes(id))
      throw new BriefingError(
        'template',
        `${path.join(templates.department?.dir ?? templates.dir, 'department.yaml')}: section "${id}" is not part of a ${kind} edition; its sections are ${known.sections.join(', ')}`,
      );
  return wanted.map((id) => ({ id, partial: id === 'notes' ? 'notes' : `${known.prefix}-${id}` }));
}
