import type { RenderedBriefing } from '../render/render-briefing.ts';
import type { OutputFormat } from '../schema/config.ts';
import type { PdfAttachment } from '../print/finalize-pdf.ts';
import { buildWorkbook } from './workbook.ts';

/** The JSON of a briefing's figures: stable key order and a final newline, so identical inputs give identical bytes. */
export function briefingJson(data: NonNullable<RenderedBriefing['data']>): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`);
}

/** <name>.xlsx and <name>.json as the outputs ask for them; written beside the PDF and attached inside it. */
export async function briefingFiles(rendered: RenderedBriefing, outputs: readonly OutputFormat[], date: Date | undefined): Promise<PdfAttachment[]> {
  const data = rendered.data;
  if (!data) return [];
  const files: PdfAttachment[] = [];
  if (outputs.includes('xlsx'))
    files.push({
      name: `${rendered.spec.name}.xlsx`,
      bytes: await buildWorkbook(data, { sources: rendered.meta.lang === 'ja' ? '出典と注記' : 'Sources and notes', notes: rendered.notes }, date),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      description: rendered.meta.lang === 'ja' ? '表の数値（ブック）' : 'The tables as a workbook',
    });
  if (outputs.includes('json'))
    files.push({
      name: `${rendered.spec.name}.json`,
      bytes: briefingJson(data),
      mimeType: 'application/json',
      description: rendered.meta.lang === 'ja' ? 'すべての数値とその出典（JSON）' : 'Every figure and its source (JSON)',
    });
  return files;
}
