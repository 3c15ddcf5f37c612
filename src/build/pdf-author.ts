import type { DepartmentSettings } from '../schema/department.ts';

/** The author of a briefing nobody is named for: the tool that wrote it (Creator says which kind). */
export const TOOL_AUTHOR = 'medical-rd-budget-briefings';

/**
 * Who the PDF names as its author. Not the source documents' publisher: the briefing is not theirs.
 * A ministry edition is the department's own (its department.yaml `name`); any other briefing is
 * whoever runs the build, as the config's `author` says, and the tool when the config is silent.
 */
export function pdfAuthor(department: DepartmentSettings | undefined, configured: string | undefined): string {
  if (department?.ministry) return department.name;
  return configured ?? TOOL_AUTHOR;
}
