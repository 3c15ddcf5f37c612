import { formatProblem, type Problem } from '../problems.ts';
import type { ValidationReport } from '../load/load-dataset.ts';
import type { Outcome } from './reconcile.ts';
import { displayPath } from '../format/display-path.ts';

const MARK: Record<Outcome, string> = { exact: '✓', rounding: '≈', partial: '·', inconsistent: '✗' };

/** The readable report of `briefings validate`: what was checked, then warnings, then errors. */
export function formatValidationReport(report: ValidationReport, cwd = process.cwd()): string {
  const rel = (file: string) => displayPath(file, cwd);
  const relProblem = (p: Problem): Problem => ({ ...p, file: rel(p.file) });
  const lines: string[] = [];
  lines.push(`Data folder: ${rel(report.dataDir)}`);
  lines.push(`Files read (${report.files.length}):`);
  for (const file of report.files) lines.push(`  ${rel(file)}`);

  lines.push('', `Consistency checks (${report.checks.length}; ✓ exact, ≈ within rounding, · partial, ✗ inconsistent):`);
  let lastFile = '';
  for (const check of report.checks) {
    if (check.file !== lastFile) {
      lines.push(`  ${rel(check.file)}`);
      lastFile = check.file;
    }
    lines.push(`    ${MARK[check.outcome]} ${check.subject}`, `        ${check.detail}`);
  }

  const warnings = report.problems.filter((p) => p.severity === 'warning');
  const errors = report.problems.filter((p) => p.severity === 'error');
  lines.push('', `Warnings (${warnings.length}):`);
  for (const w of warnings) lines.push(`  ${formatProblem(relProblem(w))}`);
  lines.push('', `Errors (${errors.length}):`);
  for (const e of errors) lines.push(`  ${formatProblem(relProblem(e))}`);
  lines.push(
    '',
    errors.length === 0
      ? `OK: the data is valid (${warnings.length} warning${warnings.length === 1 ? '' : 's'}).`
      : `FAILED: ${errors.length} error${errors.length === 1 ? '' : 's'}. Fix them and run \`briefings validate\` again.`,
  );
  return lines.join('\n');
}
