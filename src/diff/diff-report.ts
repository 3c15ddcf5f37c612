import path from 'node:path';
import { unchanged, type BriefingDiff, type BuildDiff } from './diff-builds.ts';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function pagesLine(b: BriefingDiff): string {
  if (!b.pages) return b.pagesNote;
  if (b.pages.changed.length === 0) return 'pages: unchanged';
  const count = b.pages.old === b.pages.new ? `${b.pages.new} pages` : `${b.pages.old} → ${b.pages.new} pages`;
  return `pages changed: ${b.pages.changed.map((p) => p.page).join(', ')} (${count})`;
}

/** The Markdown report: for a CI job summary or a pull-request comment. */
export function diffMarkdown(diff: BuildDiff): string {
  const out: string[] = ['## Briefings: what changed', ''];
  const changed = diff.briefings.filter((b) => !unchanged(b));
  out.push(
    `${count(diff.briefings.length, 'briefing')} compared: ${changed.length} changed, ${diff.briefings.length - changed.length} unchanged, ${diff.added.length} added, ${diff.removed.length} removed.`,
    '',
  );
  for (const b of diff.added) out.push(`- **added** briefing \`${b.name}\` (${b.title})`);
  for (const b of diff.removed) out.push(`- **removed** briefing \`${b.name}\` (${b.title})`);
  if (diff.added.length || diff.removed.length) out.push('');
  for (const b of changed) {
    out.push(`### ${b.name}`, '', `${b.title}. ${count(b.changed.length, 'figure')} changed, ${b.added.length} added, ${b.removed.length} removed; ${pagesLine(b)}.`, '');
    if (b.changed.length) {
      out.push('| figure | old | new |', '|---|---:|---:|');
      for (const c of b.changed) out.push(`| ${cell(c.label)} | ${cell(c.old)} | ${cell(c.new)} |`);
      out.push('');
    }
    if (b.added.length) out.push(`Added: ${b.added.map((f) => `${f.label} ${f.display}`).join('; ')}`, '');
    if (b.removed.length) out.push(`Removed: ${b.removed.map((f) => `${f.label} ${f.display}`).join('; ')}`, '');
  }
  const same = diff.briefings.filter(unchanged);
  if (same.length) out.push(`Unchanged: ${same.map((b) => `\`${b.name}\``).join(', ')}`, '');
  return `${out.join('\n')}\n`;
}

/** The fonts written beside the report (cut down to its characters), so Japanese labels show on any machine. */
export const REPORT_FONTS = { 400: 'report-font-400.ttf', 700: 'report-font-700.ttf' } as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML report: the same, with each changed page old | new | difference side by side. */
export function diffHtml(diff: BuildDiff, reportDir: string): string {
  const img = (file: string | null, alt: string) => (file ? `<img src="${esc(path.relative(reportDir, file).split(path.sep).join('/'))}" alt="${esc(alt)}">` : `<div class="none">${esc(alt)}</div>`);
  const changed = diff.briefings.filter((b) => !unchanged(b));
  const body: string[] = [
    `<h1>Briefings: what changed</h1>`,
    `<p class="meta">old: ${esc(diff.old)}<br>new: ${esc(diff.new)}</p>`,
    `<p>${count(diff.briefings.length, 'briefing')} compared: ${changed.length} changed, ${diff.briefings.length - changed.length} unchanged, ${diff.added.length} added, ${diff.removed.length} removed.</p>`,
  ];
  if (diff.added.length || diff.removed.length)
    body.push(`<ul>${[...diff.added.map((b) => `<li><b>added</b> ${esc(b.name)} (${esc(b.title)})</li>`), ...diff.removed.map((b) => `<li><b>removed</b> ${esc(b.name)} (${esc(b.title)})</li>`)].join('')}</ul>`);
  for (const b of changed) {
    body.push(`<section><h2>${esc(b.name)}</h2><p>${esc(b.title)}. ${esc(pagesLine(b))}.</p>`);
    if (b.changed.length)
      body.push(`<table><thead><tr><th>figure</th><th>old</th><th>new</th></tr></thead><tbody>${b.changed.map((c) => `<tr><td>${esc(c.label)}</td><td class="n old">${esc(c.old)}</td><td class="n new">${esc(c.new)}</td></tr>`).join('')}</tbody></table>`);
    if (b.added.length) body.push(`<p><b>Added:</b> ${esc(b.added.map((f) => `${f.label} ${f.display}`).join('; '))}</p>`);
    if (b.removed.length) body.push(`<p><b>Removed:</b> ${esc(b.removed.map((f) => `${f.label} ${f.display}`).join('; '))}</p>`);
    for (const p of b.pages?.changed ?? [])
      body.push(
        `<figure class="page"><figcaption>page ${p.page}${p.old && p.new ? ` (${p.percent < 0.1 ? 'less than 0.1' : p.percent.toFixed(1)}% of its pixels differ)` : p.old ? ' (removed)' : ' (added)'}</figcaption><div class="row">` +
          `<div><p>old</p>${img(p.old, 'no such page')}</div><div><p>new</p>${img(p.new, 'no such page')}</div><div><p>difference</p>${img(p.diff, '—')}</div></div></figure>`,
      );
    body.push('</section>');
  }
  const same = diff.briefings.filter(unchanged);
  if (same.length) body.push(`<p class="meta">Unchanged: ${same.map((b) => esc(b.name)).join(', ')}</p>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Briefings: what changed</title>
<style>
@font-face { font-family: "Report Noto Sans JP"; src: url("${REPORT_FONTS[400]}"); font-weight: 400; }
@font-face { font-family: "Report Noto Sans JP"; src: url("${REPORT_FONTS[700]}"); font-weight: 700; }
body { font-family: "Report Noto Sans JP", system-ui, sans-serif; margin: 24px; color: #1d2733; max-width: 1150px; }
h1 { font-size: 22px; } h2 { font-size: 17px; border-bottom: 2px solid #2b6cb0; padding-bottom: 2px; margin-top: 28px; }
.meta { color: #5a6776; font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
td, th { border-bottom: 1px solid #d5dbe3; padding: 4px 10px; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.old { color: #9b2c2c; text-decoration: line-through; } td.new { color: #276749; font-weight: 600; }
figure.page { margin: 12px 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
.row { display: flex; gap: 10px; } .row > div { flex: 1; min-width: 0; } .row p { margin: 0 0 2px; font-size: 12px; color: #5a6776; }
.row img { width: 100%; border: 1px solid #c3ccd6; }
.none { border: 1px dashed #c3ccd6; padding: 40px 0; text-align: center; color: #5a6776; }
</style></head><body>
${body.join('\n')}
</body></html>
`;
}
