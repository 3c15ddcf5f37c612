// Turns the JSON summaries of `briefings build --json` into the Markdown of a GitHub job summary:
// what was built, skipped and failed, with the reason of each failure.
// Usage: node .github/scripts/build-summary.mjs summary.json [more.json…] >> "$GITHUB_STEP_SUMMARY"
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const cell = (text) => String(text ?? '').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** @param {{ title: string, summary: unknown }[]} runs */
export function buildSummaryMarkdown(runs) {
  const lines = [];
  for (const { title, summary } of runs) {
    lines.push(`### ${title}`, '');
    if (!summary || typeof summary !== 'object' || !Array.isArray(summary.briefings)) {
      lines.push('The build wrote no summary: it stopped before building (see the log).', '');
      continue;
    }
    lines.push(`${summary.built} built, ${summary.skipped} up to date, ${summary.failed} failed (exit code ${summary.exitCode})`, '');
    if (summary.briefings.length === 0) continue;
    lines.push('| briefing | status | pages | note |', '|---|---|---|---|');
    for (const b of summary.briefings) {
      const status = b.status === 'built' ? '✅ built' : b.status === 'skipped' ? '⏭️ up to date' : '❌ failed';
      lines.push(`| ${cell(b.name)} | ${status} | ${b.pages ?? ''} | ${cell(b.error ?? '')} |`);
    }
    lines.push('');
    // Layout findings (--strict-layout fails on them): one line each, briefing, page, element, what.
    const findings = summary.briefings.flatMap((b) => (Array.isArray(b.layout) ? b.layout : []));
    if (findings.length > 0) {
      lines.push('Layout findings:', '');
      for (const f of findings) lines.push(`- ${cell(f.briefing)}${f.page ? ` p.${f.page}` : ''}: ${cell(f.element)}: ${cell(f.message)} (${f.check})`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = process.argv.slice(2).map((file) => {
    let summary;
    try {
      summary = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      summary = undefined;
    }
    return { title: `Briefings (${file})`, summary };
  });
  process.stdout.write(`${buildSummaryMarkdown(runs)}\n`);
}
