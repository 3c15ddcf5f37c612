import type ExcelJS from 'exceljs';
import type { BriefingData, Figure, FigureMeasure } from '../schema/briefing-data.ts';

/** Number formats that print as the briefing does: 1,238億円, +6億円, ▲3億円, +0.5%, 59.6%. */
const NUMBER_FORMATS: Record<FigureMeasure, string> = {
  amount: '#,##0"億円"',
  change: '+#,##0"億円";▲#,##0"億円";±0"億円"',
  percentChange: '+0.0"%";▲0.0"%";±0.0"%"',
  share: '0.0"%"',
  count: '0',
};

/** The date written into the workbook and its zip entries when SOURCE_DATE_EPOCH gives none. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** Excel's rules for sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(title: string, taken: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Sheet';
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

function setFigure(cell: ExcelJS.Cell, figure: Figure): void {
  // Unknown stays text as printed (記載なし, —), never an empty or zero number a SUM would take for 0.
  if (figure.value === null) {
    cell.value = figure.display;
    cell.alignment = { horizontal: 'right' };
    return;
  }
  cell.value = figure.value;
  cell.numFmt = NUMBER_FORMATS[figure.measure];
}

/**
 * Exceljs stamps every zip entry with the time of writing; rewritten with one fixed date, the same
 * workbook always has the same bytes.
 */
async function reproducibleZip(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 }, platform: 'UNIX' });
}

/** <name>.xlsx: one sheet per table of the briefing (headers as printed, numbers as numbers), and a sheet of sources and notes. */
export async function buildWorkbook(data: BriefingData, labels: { sources: string; notes: string[] }, date: Date | undefined): Promise<Uint8Array> {
  const when = date ?? FIXED_DATE;
  // Loaded on first use (a second or more on a busy machine), so that it overlaps the browser's start.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = data.colophon.toolVersion;
  wb.lastModifiedBy = data.colophon.toolVersion;
  wb.title = data.title;
  wb.created = when;
  wb.modified = when;
  wb.lastPrinted = when;
  const figures = new Map(data.figures.map((f) => [f.id, f]));
  const taken = new Set<string>();

  for (const table of data.tables) {
    const sheet = wb.addWorksheet(sheetName(table.title, taken));
    sheet.addRow([table.title]).font = { bold: true };
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    for (const cells of table.rows) {
      const row = sheet.addRow([]);
      cells.forEach((cell, i) => {
        const target = row.getCell(i + 1);
        if (cell === null) return;
        if (typeof cell === 'string') target.value = cell;
        else {
          const figure = figures.get(cell.figure);
          if (figure) setFigure(target, figure);
        }
      });
    }
    if (table.charts.length) sheet.addRow([table.charts.join(' / ')]).font = { italic: true };
    sheet.columns.forEach((column, i) => (column.width = i === 0 ? 28 : 16));
  }

  const sources = wb.addWorksheet(sheetName(labels.sources, taken));
  sources.addRow(['table', 'figure', 'label', 'value', 'display', 'unit', 'status', 'origin', 'document', 'text file', 'line', 'field']).font = { bold: true };
  for (const f of data.figures)
    for (const s of f.sources.length ? f.sources : [null])
      sources.addRow([f.table, f.id, f.label, f.value, f.display, f.unit, f.status, f.origin, s?.document ?? '', s?.textFile ?? '', s ? (s.line ?? 'line unknown') : '', s?.path ?? '']);
  sources.addRow([]);
  for (const d of data.documents) sources.addRow(['document', d.id, d.title, null, d.published, null, null, null, d.url ?? '', d.textFile]);
  sources.addRow(['data version', data.colophon.dataVersion]);
  sources.addRow(['tool', data.colophon.toolVersion]);
  sources.addRow(['build date', data.colophon.buildDate ?? 'not recorded (SOURCE_DATE_EPOCH not set)']);
  for (const note of labels.notes) sources.addRow(['note', note]);
  sources.columns.forEach((column, i) => (column.width = [18, 28, 40][i] ?? 14));

  // Stored uncompressed here: the zip is compressed once, when it is rewritten with fixed dates.
  return reproducibleZip(new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } })), when);
}
