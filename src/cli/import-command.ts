import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../format/display-path.ts';
import { assembleDraft, type Draft, type KnownDocument } from '../import/assemble-draft.ts';
import { changesAgainstPrevious, referenceProposals } from '../import/import-summary.ts';
import { parseEditionText } from '../import/parse-edition.ts';
import { draftYaml } from '../import/write-draft.ts';
import { DOCUMENTS_DIR, REFERENCE_FILE } from '../load/data-folder.ts';
import { readDataFile } from '../load/read-data-file.ts';
import { writeAtomically } from '../build/write-output.ts';
import { BriefingError } from '../problems.ts';
import { Reference } from '../schema/reference.ts';
import { SourceDocument } from '../schema/source-document.ts';

export interface ImportOptions {
  out?: string;
  force?: boolean;
  /** Accept a draft that lacks whole sections, as a partial edition. */
  partial?: boolean;
  data?: string;
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

async function readEditionText(file: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BriefingError('usage', `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(error)})`}; give the path of the edition's text, e.g. data/documents/fy2027-points.txt`);
  }
  try {
    if (buffer.includes(0)) throw new Error('binary');
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new BriefingError('data', `${file}: not UTF-8 text; save the text extracted from the PDF as UTF-8 (e.g. pdftotext -enc UTF-8) and import that`);
  }
}

/** The data folder: --data, or the folder above the text's when it holds reference.yaml, or ./data. */
async function dataFolder(textFile: string, option: string | undefined): Promise<string> {
  if (option) return path.resolve(option);
  const above = path.dirname(path.dirname(path.resolve(textFile)));
  return (await exists(path.join(above, REFERENCE_FILE))) ? above : path.resolve('data');
}

async function knownDocuments(dir: string): Promise<KnownDocument[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const docs = await Promise.all(
    names.filter((n) => /\.ya?ml$/i.test(n)).map(async (n) => ({ file: path.join(dir, n), read: await readDataFile(path.join(dir, n), SourceDocument) })),
  );
  return docs.flatMap(({ file, read }) => (read.value ? [{ file, value: read.value }] : []));
}

function describe(draft: Draft): string {
  const d = draft.document;
  const parts = [
    `${d.budgets.length} budget column${d.budgets.length === 1 ? '' : 's'}`,
    `${d.changes.length} printed change${d.changes.length === 1 ? '' : 's'}`,
    d.adjustmentFund ? 'the adjustment fund' : 'no adjustment fund',
    `${d.projectBudget?.projects.length ?? 0} projects`,
    ...d.programDetails.map((p) => `a program detail of ${p.project} (${p.programs.length} programs)`),
  ];
  return `${parts.join(', ')}; ${Object.keys(draft.sourceLines).length} values with their source lines`;
}

/** `briefings import <text-file>`: writes the draft document and prints what to review. */
export async function runImport(textFile: string, options: ImportOptions, io: Io, cwd = process.cwd()): Promise<void> {
  const textPath = path.resolve(cwd, textFile);
  const text = await readEditionText(textPath);
  const raw = parseEditionText(text, displayPath(textPath, cwd));
  const out = path.resolve(cwd, options.out ?? path.join(path.dirname(textPath), `fy${raw.fiscalYear}-points.yaml`));
  if (!options.force && (await exists(out)))
    throw new BriefingError('usage', `${displayPath(out, cwd)} already exists; nothing was written. Use --force to replace it, or --out to write the draft elsewhere`);

  const dataDir = await dataFolder(textPath, options.data);
  const reference = await readDataFile(path.join(dataDir, REFERENCE_FILE), Reference);
  if (!reference.value)
    throw new BriefingError('data', `the import needs ${displayPath(path.join(dataDir, REFERENCE_FILE), cwd)} to match project names; it has errors (give the data folder with --data)`, reference.problems);
  // With --force the draft being replaced is known too: its English names are the analyst's.
  const known = await knownDocuments(path.join(dataDir, DOCUMENTS_DIR));
  const draft = assembleDraft(raw, path.relative(path.dirname(out), textPath).split(path.sep).join('/'), reference.value, known);

  const textName = displayPath(textPath, cwd);
  // A draft without whole sections is not a full edition: the analyst decides whether it is a
  // partial one (--partial) or the text is the wrong one, never the importer by filling them in.
  if (draft.missing.length > 0 && !options.partial)
    throw new BriefingError(
      'data',
      `${textName}: ${draft.missing.length} whole section(s) of the edition could not be read, so it cannot be a full edition; nothing was written:\n${draft.missing.map((m) => `  ${textName}:${m.line} ${m.section}: ${m.reason}`).join('\n')}\nCheck that this is the complete text of the edition; if only part of the edition is known, import it with --partial (the draft is then coverage: partial, and what the text lacks stays unknown)`,
    );

  const header = [
    `yaml-language-server: $schema=${path.relative(path.dirname(out), path.join(dataDir, 'schema', 'source-document.schema.json')).split(path.sep).join('/')}`,
    `${draft.document.document.title}, imported from ${path.basename(textPath)} by \`briefings import\`.`,
    'Amounts in 億円 as printed. A ministry left out of a breakdown is not listed in the document.',
    ...(draft.missing.length > 0 ? [`A partial edition (imported with --partial): the text lacks ${draft.missing.map((m) => m.section).join('; ')}.`] : []),
  ];
  await writeAtomically(out, new TextEncoder().encode(draftYaml(draft.document, draft.sourceLines, header)));

  const rel = (file: string) => displayPath(file, cwd);
  io.out(`Read ${textName}: ${draft.document.document.title} (FY${raw.fiscalYear})`);
  io.out(`Wrote ${rel(out)}: ${describe(draft)}.`);
  if (draft.missing.length > 0) {
    io.out('');
    io.out(`A partial edition (coverage: partial): the text lacks ${draft.missing.length} whole section(s), written as unknown or left out:`);
    for (const m of draft.missing) io.out(`  ${textName}:${m.line} ${m.section}: ${m.reason}`);
  }
  if (draft.unplaced.length > 0) {
    io.out('');
    io.out(`Could not place (${draft.unplaced.length}; left out or written as unknown):`);
    for (const u of draft.unplaced) io.out(`  ${textName}:${u.line} ${u.text ? `「${u.text.length > 40 ? `${u.text.slice(0, 40)}…` : u.text}」 ` : ''}${u.reason}`);
  }
  if (draft.inferred.length > 0) {
    io.out('');
    io.out(`Placed by the layout, not stated outright (${draft.inferred.length}; check them):`);
    for (const i of draft.inferred) io.out(`  ${i.path} (${textName}:${i.line}): ${i.reason}`);
  }
  if (draft.toFill.length > 0) {
    io.out('');
    io.out(`To fill in by hand (${draft.toFill.length}; left empty in the draft, so validate fails until they are written):`);
    for (const f of draft.toFill) io.out(`  ${f.path}: ${f.reason}`);
  }
  const previous = known
    .filter((k) => k.value.document.editionFiscalYear < raw.fiscalYear)
    .sort((a, b) => b.value.document.editionFiscalYear - a.value.document.editionFiscalYear)[0];
  io.out('');
  for (const line of changesAgainstPrevious(draft, previous && { ...previous, file: rel(previous.file) }, reference.value)) io.out(line);
  const proposals = referenceProposals(draft, reference.value);
  if (proposals.length > 0) {
    io.out('');
    io.out(`reference.yaml (${rel(path.join(dataDir, REFERENCE_FILE))}) needs ${proposals.length} addition${proposals.length === 1 ? '' : 's'}:`);
    for (const p of proposals) {
      io.out(`  ${p.why}`);
      for (const line of p.yaml.trimEnd().split('\n')) io.out(`      ${line}`);
    }
  }
  io.out('');
  io.out(`Next: review ${rel(out)}, then run \`briefings validate\`; \`briefings build\` then adds the year comparison of the newest edition by itself.`);
}
