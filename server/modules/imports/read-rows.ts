import { Readable } from 'node:stream';
import { parse as parseCsv } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import type { ImportFormat } from '../../../shared/contracts/imports.js';

/**
 * Rows of an import file, streamed: sheet formats (XLSX, CSV) yield the cells
 * by header, JSONL yields the parsed object per line. `row` is what a person
 * sees: the spreadsheet row number (header = 1) or the JSONL line number.
 * Blank rows are skipped.
 */
export type SourceRow =
  | { row: number; cells: Map<string, string> }
  | { row: number; json: unknown }
  | { row: number; unreadable: { zh: string; en: string } };

export type RowSource = { headers: string[] | null; rows: AsyncGenerator<SourceRow> };

export async function openRows(format: ImportFormat, buf: Buffer): Promise<RowSource> {
  if (format === 'jsonl') return { headers: null, rows: jsonlRows(buf) };
  const table = format === 'csv' ? csvRecords(buf) : xlsxRecords(buf);
  const first = await table.next();
  if (first.done) return { headers: [], rows: (async function* () {})() };
  const headers = first.value.cells.map((h) => h.trim());
  return { headers, rows: byHeader(headers, table) };
}

/** A cheap upper bound of the row count, for progress before the end is reached (0 when unknown). */
export function estimateRows(format: ImportFormat, buf: Buffer): number {
  if (format === 'xlsx') return 0;
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  if (buf.length > 0 && buf[buf.length - 1] !== 10) n++;
  return Math.max(0, format === 'csv' ? n - 1 : n);
}

async function* byHeader(headers: string[], table: AsyncGenerator<{ row: number; cells: string[] }>): AsyncGenerator<SourceRow> {
  for await (const r of table) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const cells = new Map<string, string>();
    r.cells.forEach((v, i) => {
      const h = headers[i];
      if (h) cells.set(h, v);
    });
    yield { row: r.row, cells };
  }
}

function stripBom(buf: Buffer): Buffer {
  return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
}

async function* csvRecords(buf: Buffer): AsyncGenerator<{ row: number; cells: string[] }> {
  const body = stripBom(buf);
  const firstLine = body.subarray(0, Math.max(0, body.indexOf(10))).toString('utf8');
  // Excel saves "Unicode text" with tabs; everything else here uses commas.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const stream = Readable.from([body]).pipe(parseCsv({ delimiter, ignoreEmpty: false, trim: false, strictColumnHandling: false }));
  let row = 0;
  for await (const rec of stream as AsyncIterable<string[]>) {
    row++;
    yield { row, cells: rec };
  }
}

/**
 * XLSX rows of the first worksheet. The workbook is loaded whole: exceljs's
 * streaming reader decodes each inflated chunk on its own and so corrupts
 * Chinese characters that straddle a chunk boundary (lib/utils/parse-sax.js),
 * which a Chinese import cannot afford. See docs/decisions/0014-import-formats.md.
 */
async function* xlsxRecords(buf: Buffer): AsyncGenerator<{ row: number; cells: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  // Only the first worksheet holds data; the template's instructions follow it.
  const sheet = wb.worksheets[0];
  if (!sheet) return;
  for (let n = 1; n <= sheet.rowCount; n++) {
    const r = sheet.getRow(n);
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    yield { row: n, cells: Array.from(values, cellText) };
  }
}

/** What a person sees in a cell, as text. Dates become ISO strings; formulas their result. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return cellText((v as { text: ExcelJS.CellValue }).text);
    if ('error' in v) return '';
  }
  return String(v);
}

async function* jsonlRows(buf: Buffer): AsyncGenerator<SourceRow> {
  const body = stripBom(buf);
  let start = 0;
  let line = 0;
  while (start < body.length) {
    let end = body.indexOf(10, start);
    if (end === -1) end = body.length;
    line++;
    const text = body.subarray(start, end).toString('utf8').trim();
    start = end + 1;
    if (text === '') continue;
    try {
      yield { row: line, json: JSON.parse(text) };
    } catch {
      yield { row: line, unreadable: { zh: '该行不是有效的 JSON 对象', en: 'This line is not a valid JSON object' } };
    }
  }
}
