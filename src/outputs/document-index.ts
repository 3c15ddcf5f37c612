import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readDataFile } from '../load/read-data-file.ts';
import { DOCUMENTS_DIR } from '../load/data-folder.ts';
import { SourceDocument } from '../schema/source-document.ts';

/** A source document with its text, for tracing figures to lines. */
export interface IndexedDocument {
  id: string;
  value: SourceDocument;
  /** The source text, relative to the data folder (as the JSON names it). */
  textFile: string;
  lines: string[];
}

export type DocumentIndex = Map<string, IndexedDocument>;

/**
 * The documents of a data folder that already validated (the build loads the dataset first), by id.
 * A text that cannot be read leaves its figures without lines rather than failing the build.
 */
export async function loadDocumentIndex(dataDir: string): Promise<DocumentIndex> {
  const dir = path.join(dataDir, DOCUMENTS_DIR);
  const names = (await readdir(dir).catch(() => [])).filter((n) => /\.ya?ml$/i.test(n)).sort();
  const index: DocumentIndex = new Map();
  for (const name of names) {
    const { value } = await readDataFile(path.join(dir, name), SourceDocument);
    if (!value) continue;
    const text = path.resolve(dir, value.document.textFile);
    const lines = (await readFile(text, 'utf8').catch(() => '')).split(/\r?\n/);
    index.set(value.document.id, { id: value.document.id, value, textFile: path.relative(dataDir, text).split(path.sep).join('/'), lines });
  }
  return index;
}
