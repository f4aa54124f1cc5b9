import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from './record-audit.js';
import { assertFilter, type AuditFilter, type AuditRow, countAuditEntries, iterateAuditEntries, readAuditHead } from './repository.js';
import { cappedNotice, csvLine, EXPORT_HEADERS, exportCells, exportFilename, UTF8_BOM } from './export-format.js';
import { CONTENT_TYPES, contentDisposition } from '../../http/download.js';

/** The most rows one export holds; beyond it the file says it was cut. */
export const EXPORT_MAX_ROWS = 100_000;

export type AuditExport = {
  stream: Readable;
  filename: string;
  contentType: string;
  contentDisposition: string;
  rows: number;
  total: number;
};

/**
 * Export the filtered audit log, newest first, as XLSX or CSV. The export is
 * itself audited (action `audit.export`, with the filter and row count) before
 * any data leaves, in its own committed transaction. Rows are read in keyset
 * batches up to the head seen at the start, so the file is a consistent view
 * and memory stays flat.
 */
export async function exportAuditLog(
  db: Db,
  actor: Actor,
  input: AuditFilter & { format: 'xlsx' | 'csv' },
  now: Date,
  opts: { maxRows?: number } = {},
): Promise<AuditExport> {
  const { format, ...filter } = input;
  assertFilter(filter);
  const maxRows = opts.maxRows ?? EXPORT_MAX_ROWS;
  const head = await readAuditHead(db);
  const total = await countAuditEntries(db, filter, head.seq);
  const rows = Math.min(total, maxRows);
  await withTx(db, (tx) =>
    recordAudit(tx, actor, {
      action: 'audit.export',
      entityType: 'audit_log',
      entityId: null,
      changes: { format, filter, rows, total, upToSeq: head.seq },
    }),
  );
  const source = iterateAuditEntries(db, filter, head.seq, rows);
  const notice = rows < total ? cappedNotice(rows, total) : null;
  const filename = exportFilename(now, format);
  return {
    stream: format === 'csv' ? csvStream(source, notice) : xlsxStream(source, notice),
    filename,
    contentType: CONTENT_TYPES[format],
    contentDisposition: contentDisposition(filename),
    rows,
    total,
  };
}

function csvStream(source: AsyncIterable<AuditRow>, notice: string | null): Readable {
  return Readable.from(
    (async function* () {
      yield UTF8_BOM;
      if (notice) yield csvLine([notice]);
      yield csvLine(EXPORT_HEADERS);
      for await (const r of source) {
        const [at, ...rest] = exportCells(r);
        yield csvLine([at.toISOString(), ...rest]);
      }
    })(),
    { objectMode: false },
  );
}

function xlsxStream(source: AsyncIterable<AuditRow>, notice: string | null): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('审计日志');
  ws.columns = [{ width: 24 }, { width: 16 }, { width: 38 }, { width: 28 }, { width: 14 }, { width: 38 }, { width: 60 }, { width: 8 }, { width: 16 }, { width: 30 }, { width: 38 }, { width: 66 }];
  void (async () => {
    if (notice) ws.addRow([notice]).commit();
    const header = ws.addRow([...EXPORT_HEADERS]);
    header.font = { bold: true };
    header.commit();
    for await (const r of source) {
      const row = ws.addRow(exportCells(r));
      row.getCell(1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      row.commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
