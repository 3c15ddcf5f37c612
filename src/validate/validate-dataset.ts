import { access, readdir, readFile, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { BriefingError, isError, type Problem } from '../problems.ts';
import { ProjectMapping, Reference } from '../schema/reference.ts';
import { SourceDocument } from '../schema/source-document.ts';
import { checkDocument, checkMapping, checkReference } from './cross-reference.ts';
import { reconcileDocument, type CheckResult } from './reconcile.ts';
import { checkAgainstSourceText } from './source-text.ts';
import { displayPath } from '../format/display-path.ts';
import { readDataFile, type DataFile } from '../load/read-data-file.ts';
import { mergeDocuments, type Dataset, type LoadedDocument } from '../load/merge-documents.ts';
import { DOCUMENTS_DIR, MAPPING_FILE, REFERENCE_FILE } from '../load/data-folder.ts';

// The validation stage: load/ reads the files, this checks them and merges them into the dataset
// a build uses (loadDataset), so the arrows go validate → load and never back.

export interface ValidationReport {
  dataDir: string;
  files: string[];
  checks: CheckResult[];
  problems: Problem[];
  dataset?: Dataset;
}

async function listDocumentFiles(dir: string): Promise<{ files: string[]; problem?: Problem }> {
  try {
    const names = await readdir(dir);
    const files = names.filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => path.join(dir, n));
    if (files.length === 0)
      return { files, problem: { severity: 'error', file: dir, message: 'no document files (*.yaml) found', hint: 'add one YAML file per source document' } };
    return { files };
  } catch {
    return { files: [], problem: { severity: 'error', file: dir, message: 'the documents folder cannot be read', hint: `create ${dir} with one YAML file per source document` } };
  }
}

async function checkTextFile(doc: DataFile<SourceDocument>): Promise<Problem[]> {
  const info = doc.value?.document;
  if (!info) return [];
  const textPath = path.resolve(path.dirname(doc.file), info.textFile);
  try {
    await access(textPath, constants.R_OK);
    if (!(await stat(textPath)).isFile()) throw new Error('not a file');
    return [];
  } catch {
    return [
      {
        severity: 'error',
        file: doc.file,
        path: 'document.textFile',
        line: doc.locate(['document', 'textFile']),
        message: `missing provenance: the source text ${info.textFile} cannot be read`,
        hint: 'keep the text of the source document beside its YAML file and name it in textFile',
      },
    ];
  }
}

/** Every figure against the document's own text (see validate/source-text.ts). */
async function checkSourceText(doc: DataFile<SourceDocument>, reference: Reference, checks: CheckResult[]): Promise<Problem[]> {
  const value = doc.value;
  if (!value) return [];
  const textPath = path.resolve(path.dirname(doc.file), value.document.textFile);
  const text = await readFile(textPath, 'utf8').catch(() => undefined);
  if (text === undefined) return []; // reported by checkTextFile
  const result = checkAgainstSourceText(doc.file, value, doc.locate, displayPath(textPath), text, reference);
  checks.push(result.check);
  return result.problems;
}

function checkDocumentIds(docs: DataFile<SourceDocument>[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const info = doc.value?.document;
    if (!info) continue;
    for (const [key, value] of [['id', info.id], ['editionFiscalYear', String(info.editionFiscalYear)]] as const) {
      const other = seen.get(`${key}:${value}`);
      if (other)
        problems.push({
          severity: 'error',
          file: doc.file,
          path: `document.${key}`,
          line: doc.locate(['document', key]),
          message: `document ${key} ${value} is already used by ${other}`,
          hint: 'each source document (one edition per year) has its own file and id',
        });
      seen.set(`${key}:${value}`, doc.file);
    }
  }
  return problems;
}

/** Reads, checks and reconciles everything under the data folder; collects every problem. */
export async function validateDataset(dataDir: string): Promise<ValidationReport> {
  const referenceFile = await readDataFile(path.join(dataDir, REFERENCE_FILE), Reference);
  const mappingFile = await readDataFile(path.join(dataDir, MAPPING_FILE), ProjectMapping);
  const listing = await listDocumentFiles(path.join(dataDir, DOCUMENTS_DIR));
  const docs = await Promise.all(listing.files.map((f) => readDataFile(f, SourceDocument)));

  const problems: Problem[] = [
    ...referenceFile.problems,
    ...mappingFile.problems,
    ...(listing.problem ? [listing.problem] : []),
    ...docs.flatMap((d) => d.problems),
  ];
  const checks: CheckResult[] = [];
  const files = [referenceFile.file, mappingFile.file, ...listing.files];

  // With a document that failed to load, its id is unknown: checking statedIn would only add noise.
  const documentIds = docs.every((d) => d.value) ? new Set(docs.map((d) => d.value?.document.id ?? '')) : new Set<string>();
  problems.push(...checkReference(referenceFile, documentIds), ...checkDocumentIds(docs));
  for (const doc of docs) problems.push(...(await checkTextFile(doc)));

  const reference = referenceFile.value;
  if (reference) {
    problems.push(...checkMapping(mappingFile, reference));
    for (const doc of docs) problems.push(...checkDocument(doc, reference));
  }
  for (const doc of docs) if (doc.value) checks.push(...reconcileDocument(doc.file, doc.value, doc.locate));
  for (const check of checks) {
    if (check.outcome === 'inconsistent' || check.outcome === 'rounding')
      problems.push({
        severity: check.outcome === 'inconsistent' ? 'error' : 'warning',
        file: check.file,
        path: check.path,
        line: check.line,
        message: `${check.subject}: ${check.detail}`,
        hint:
          check.outcome === 'inconsistent'
            ? 'compare these figures with the source text; one of them was mistyped'
            : undefined,
      });
  }

  // After the loop above: a figure that differs from its text is reported once, by this check.
  if (reference) for (const doc of docs) problems.push(...(await checkSourceText(doc, reference, checks)));

  const report: ValidationReport = { dataDir, files, checks, problems };
  // Restated figures are compared even when there are errors: a mistyped carried-over column
  // is easiest to see beside what the earlier edition printed. No dataset is built from errors.
  const valid = !problems.some(isError);
  if (!reference || !mappingFile.value || !docs.every((d) => d.value)) return report;

  const loaded: LoadedDocument[] = docs.flatMap((d) =>
    d.value
      ? [{ info: d.value.document, file: d.file, textFile: path.resolve(path.dirname(d.file), d.value.document.textFile), value: d.value }]
      : [],
  );
  const locators = new Map(docs.map((d) => [d.file, d.locate]));
  const { dataset, conflicts } = mergeDocuments(reference, mappingFile.value, loaded, locators);
  problems.push(...conflicts);
  if (valid) report.dataset = dataset;
  return report;
}

/** The dataset for building briefings; refuses data with errors, naming each. */
export async function loadDataset(dataDir: string): Promise<{ dataset: Dataset; report: ValidationReport }> {
  const report = await validateDataset(dataDir);
  const errors = report.problems.filter(isError);
  if (errors.length > 0 || !report.dataset)
    throw new BriefingError('data', `the data in ${dataDir} has ${errors.length} error(s); run \`briefings validate\` for the full report`, errors);
  return { dataset: report.dataset, report };
}
