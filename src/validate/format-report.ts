import { formatProblem, type Problem } from '../problems.ts';
import type { ValidationReport } from './validate-dataset.ts';
import type { Outcome } from './reconcile.ts';
import { displayPath } from '../format/display-path.ts';

const MARK: Record<Outcome, string> = { exact: '✓', rounding: '≈', partial: '·', inconsistent: '✗' };
const OUTCOME_NAME: Record<Outcome, string> = { exact: 'exact', rounding: 'within rounding', partial: 'partial', inconsistent: 'inconsistent' };

/** quiet: errors only (nothing on success); normal: a summary of the checks, warnings and errors; verbose: every check too. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** The readable report of `briefings validate`. */
export function formatValidationReport(report: ValidationReport, cwd = process.cwd(), verbosity: Verbosity = 'normal'): string {
  const rel = (file: string) => displayPath(file, cwd);
  const relProblem = (p: Problem): Problem => ({ ...p, file: rel(p.file) });
  const warnings = report.problems.filter((p) => p.severity === 'warning');
  const errors = report.problems.filter((p) => p.severity === 'error');
  const verdict =
    errors.length === 0
      ? `OK: the data is valid (${warnings.length} warning${warnings.length === 1 ? '' : 's'}).`
      : `FAILED: ${errors.length} error${errors.length === 1 ? '' : 's'}. Fix them and run \`briefings validate\` again.`;
  if (verbosity === 'quiet') return errors.length === 0 ? '' : [...errors.map((e) => formatProblem(relProblem(e))), verdict].join('\n');

  const lines: string[] = [];
  lines.push(`Data folder: ${rel(report.dataDir)}`);
  lines.push(`Files read (${report.files.length}):`);
  for (const file of report.files) lines.push(`  ${rel(file)}`);

  const counts = (Object.keys(MARK) as Outcome[]).map((o) => `${report.checks.filter((c) => c.outcome === o).length} ${MARK[o]} ${OUTCOME_NAME[o]}`);
  lines.push('', `Consistency checks (${report.checks.length}: ${counts.join(', ')})${verbosity === 'verbose' ? ':' : '; --verbose lists them'}`);
  if (verbosity === 'verbose') {
    let lastFile = '';
    for (const check of report.checks) {
      if (check.file !== lastFile) {
        lines.push(`  ${rel(check.file)}`);
        lastFile = check.file;
      }
      lines.push(`    ${MARK[check.outcome]} ${check.subject}`, `        ${check.detail}`);
    }
  }

  lines.push('', `Warnings (${warnings.length}):`);
  for (const w of warnings) lines.push(`  ${formatProblem(relProblem(w))}`);
  lines.push('', `Errors (${errors.length}):`);
  for (const e of errors) lines.push(`  ${formatProblem(relProblem(e))}`);
  lines.push('', verdict);
  return lines.join('\n');
}
