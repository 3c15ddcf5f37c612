import type { DepartmentView } from './view/common.ts';
import type { TemplateSet } from './template-set.ts';

/** The colours, logo and introduction of a department edition, for the layout. */
export function departmentView(templates: TemplateSet): DepartmentView {
  const dept = templates.department;
  if (!dept) return { name: '', introduction: '', logo: null, css: '' };
  const c = dept.settings.colours;
  const vars = [
    c.accent && `--accent: ${c.accent};`,
    c.accentSoft && `--accent-soft: ${c.accentSoft};`,
    c.up && `--up: ${c.up};`,
    c.down && `--down: ${c.down};`,
  ].filter(Boolean);
  return {
    name: dept.settings.name,
    introduction: dept.settings.introduction ?? '',
    logo: dept.logo?.src ?? null,
    css: vars.length ? `:root { ${vars.join(' ')} }` : '',
  };
}
