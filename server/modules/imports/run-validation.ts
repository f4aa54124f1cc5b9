import type { ImportFormat, ImportRowError } from '../../../shared/contracts/imports.js';
import { MAX_STORED_ERRORS } from '../../../shared/contracts/imports.js';
import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { Db } from '../../db/client.js';
import { fileBytes } from '../files/repository.js';
import { claimBatch, findBatch, updateBatch, writeProgress } from './repository.js';
import { scanRows, UnreadableFile } from './scan-rows.js';

/** What validation found: exact counts and the first rejected rows. */
export type ScanSummary = { totalRows: number; validRows: number; invalidRows: number; errors: ImportRowError[] };

/** Add a chunk's rejected rows to the report, keeping at most MAX_STORED_ERRORS. */
export function keepErrors(into: ImportRowError[], more: readonly ImportRowError[]): void {
  for (const e of more) {
    if (into.length >= MAX_STORED_ERRORS) return;
    into.push(e);
  }
}

/**
 * Validate every row of a batch's file (the validation job, or the CLI
 * in-process): progress is written every chunk of 500 rows, then the exact
 * counts and the first 1,000 problems. Runs only on a batch still
 * `validating` that no other run has claimed (jobs run at least once).
 */
export async function runValidation(db: Db, batchId: string, now: Date): Promise<void> {
  const batch = await findBatch(db, batchId);
  if (!batch || batch.status !== 'validating' || batch.finishedAt) return;
  const data = await fileBytes(db, batch.fileId);
  const summary: ScanSummary = { totalRows: 0, validRows: 0, invalidRows: 0, errors: [] };
  try {
    if (!data) throw new UnreadableFile('导入文件已不存在', 'The import file no longer exists');
    for await (const chunk of scanRows(db, { kind: batch.kind as ListingKind, format: batch.format as ImportFormat, data, now })) {
      for (const r of chunk) {
        summary.totalRows++;
        if (r.ok) summary.validRows++;
        else {
          summary.invalidRows++;
          keepErrors(summary.errors, r.errors);
        }
      }
      await writeProgress(db, batchId, { processedRows: summary.totalRows, totalRows: summary.totalRows, validRows: summary.validRows, invalidRows: summary.invalidRows });
    }
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    await updateBatch(db, batchId, { status: 'failed', failure: JSON.stringify({ zh: e.zh, en: e.en }), finishedAt: now });
    return;
  }
  const claimed = await claimBatch(db, batchId, 'validating', 'validated');
  if (!claimed) return;
  await updateBatch(db, batchId, {
    totalRows: summary.totalRows,
    processedRows: summary.totalRows,
    validRows: summary.validRows,
    invalidRows: summary.invalidRows,
    errors: summary.errors,
    failure: summary.totalRows === 0 ? JSON.stringify({ zh: '文件中没有数据行', en: 'The file has no data rows' }) : null,
  });
}
