import { z } from 'zod';
import { ProjectMapping, Reference } from './reference.ts';
import { SourceDocument } from './source-document.ts';
import { DepartmentSettings } from './department.ts';
import { BuildConfig } from './config.ts';

/**
 * JSON Schemas generated from the zod schemas, so editors check the data files as they are
 * typed (see the `# yaml-language-server: $schema=` line at the top of each file).
 */
export function generateJsonSchemas(): Record<string, unknown> {
  // io: 'input' describes the files as written: fields with defaults may be left out.
  const make = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }),
    title,
  });
  return {
    'source-document.schema.json': make(SourceDocument, 'One source document of 医療分野の研究開発関連予算のポイント'),
    'reference.schema.json': make(Reference, 'Ministries, scopes, strategy periods and projects'),
    'project-mapping.schema.json': make(ProjectMapping, 'Projects of one strategy period mapped to the next'),
    'config.schema.json': make(BuildConfig, 'The build config (briefings.config.yaml)'),
    'department.schema.json': make(DepartmentSettings, 'Settings of a department edition (templates/departments/<id>/department.yaml)'),
  };
}
