import { z } from 'zod';
import { MinistryChoice } from './ministry.ts';

export const LANGUAGES = ['ja', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Sections of a department edition, in the order a department wants them. */
export const SECTION_IDS = ['headline', 'scopes', 'supplementary', 'trend', 'projects', 'programs', 'initiatives', 'notes'] as const;
export const SectionId = z.enum(SECTION_IDS, {
  error: (issue) => `unknown section ${JSON.stringify(issue.input)}; expected one of ${SECTION_IDS.join(', ')}`,
});
export type SectionId = z.infer<typeof SectionId>;

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are written #rrggbb');

/** A path inside the department's own folder: no absolute paths, no `..`. */
const InsidePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.split(/[\\/]/).includes('..'), {
    message: 'must be a path inside the department folder (no leading / and no ..)',
  });

/** templates/departments/<id>/department.yaml */
export const DepartmentSettings = z.strictObject({
  name: z.string().min(1).describe('the department as it appears on the title page'),
  shortName: z.string().min(1),
  ministry: MinistryChoice.optional().describe(
    'the ministry this edition focuses on (its code, name or English id: 文, 文部科学省, 文科省 or mext); leave out for an edition of the whole budget (e.g. the English edition)',
  ),
  language: Language.default('ja'),
  colours: z
    .strictObject({
      accent: Colour.optional(),
      accentSoft: Colour.optional(),
      up: Colour.optional(),
      down: Colour.optional(),
      categories: z
        .array(Colour)
        .min(2)
        .optional()
        .describe("the charts' category colours in order; leave out to start the base range with the accent"),
    })
    .default({}),
  logo: InsidePath.optional().describe('an SVG or PNG image in the department folder, e.g. assets/logo.svg'),
  sections: z
    .array(SectionId)
    .min(1)
    .refine((s) => new Set(s).size === s.length, { message: 'a section is listed twice' })
    .optional()
    .describe('which sections, in which order; leave out for the default'),
  introduction: z.string().optional(),
  fiscalYear: z.number().int().optional().describe('the year compared; default: the latest in the data'),
});
export type DepartmentSettings = z.infer<typeof DepartmentSettings>;

/**
 * The fixed text of the briefings, per language (templates/strings/<lang>.yaml), in groups of
 * keys; a department overrides single keys. Sentences take {placeholders}.
 */
export const StringTable = z.record(z.string(), z.record(z.string(), z.string()));
export type StringTable = z.infer<typeof StringTable>;
