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

/**
 * Kinds that share another kind's body template: a ministry edition lays out its sections exactly
 * as a year comparison does. A department may still give the kind a body of its own.
 */
const SHARED_BODY: Partial<Record<BriefingKind, BriefingKind>> = { 'ministry-edition': 'year-comparison' };

export interface SectionRef {
  id: SectionId;
  partial: string;
}

/**
 * The partial of a section: `<prefix>-<section>` (yoy-scopes, ministry-headline) where the template
 * set has one, else the section shared by both kinds (headline, notes). A department overrides
 * either name: `ministry-headline.hbs` for one kind, `headline.hbs` for both.
 */
function partialOf(prefix: string, id: SectionId, templates: TemplateSet): string {
  const own = `${prefix}-${id}`;
  return templates.partials.has(own) || !templates.partials.has(id) ? own : id;
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
  return wanted.map((id) => ({ id, partial: partialOf(known.prefix, id, templates) }));
}

/** The body template of a kind: its own where the set has one, else the body it shares. */
export function bodyFor(kind: BriefingKind, templates: TemplateSet): string {
  const shared = SHARED_BODY[kind];
  return templates.bodies.has(kind) || !shared ? kind : shared;
}
