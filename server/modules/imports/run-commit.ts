import type { ListingKind } from '../../../shared/contracts/catalog-content.js';
import type { ImportFormat, ImportTarget } from '../../../shared/contracts/imports.js';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { fileBytes } from '../files/repository.js';
import { loadUser } from '../identity/repository.js';
import { insertListings, type NewListing } from './insert-listings.js';
import { findBatch, lockBatch, updateBatch, writeProgress } from './repository.js';
import { keepErrors, type ScanSummary } from './run-validation.js';
import { scanRows, UnreadableFile } from './scan-rows.js';

/** Thrown inside the commit transaction to roll it back when all_or_nothing meets an invalid row. */
class InvalidRows extends Error {}

/**
 * The commit job: walk the file again with the same rules and insert, in ONE
 * transaction, every row (all_or_nothing: nothing at all if any row is now
 * invalid) or the valid rows (valid_only). The batch's status and counts are
 * written in that transaction, so a batch is done exactly when its rows exist.
 */
export async function runCommit(db: Db, batchId: string, now: Date): Promise<void> {
  const batch = await findBatch(db, batchId);
  if (!batch || batch.status !== 'importing') return;
  const data = await fileBytes(db, batch.fileId);
  // Imported records name the user who created the batch, as if they had entered them.
  const creator = batch.createdBy ? await loadUser(db, { id: batch.createdBy }) : null;
  const actor = creator
    ? { ...systemActor(`import-${batchId}`), userId: creator.id, username: creator.username, organisationId: creator.organisationId }
    : systemActor(`import-${batchId}`);
  const summary: ScanSummary = { totalRows: 0, validRows: 0, invalidRows: 0, errors: [] };
  try {
    await withTx(db, async (tx) => {
      // An advisory lock, not a row lock: progress is written to the batch row from outside this transaction.
      if (!(await lockBatch(tx, batchId))) return;
      const current = await findBatch(tx, batchId);
      if (!current || current.status !== 'importing') return;
      if (!data) throw new UnreadableFile('导入文件已不存在', 'The import file no longer exists');
      let imported = 0;
      for await (const chunk of scanRows(tx, { kind: batch.kind as ListingKind, format: batch.format as ImportFormat, data, now })) {
        const rows: NewListing[] = [];
        for (const r of chunk) {
          summary.totalRows++;
          if (r.ok) {
            summary.validRows++;
            rows.push({ externalId: r.externalId, content: r.content });
          } else {
            summary.invalidRows++;
            keepErrors(summary.errors, r.errors);
          }
        }
        await writeProgress(db, batchId, { processedRows: summary.totalRows });
        // all_or_nothing: once a row is invalid nothing will be kept; read on only for exact counts.
        if (summary.invalidRows > 0 && batch.mode === 'all_or_nothing') continue;
        const ids = await insertListings(tx, actor, {
          kind: batch.kind as ListingKind,
          organisationId: batch.organisationId!,
          target: batch.targetStatus as ImportTarget,
          rows,
          now,
        });
        imported += ids.length;
      }
      if (summary.invalidRows > 0 && batch.mode === 'all_or_nothing') throw new InvalidRows();
      await updateBatch(tx, batchId, {
        status: 'done',
        totalRows: summary.totalRows,
        processedRows: summary.totalRows,
        validRows: summary.validRows,
        invalidRows: summary.invalidRows,
        importedRows: imported,
        errors: summary.errors,
        finishedAt: now,
      });
      await recordAudit(tx, actor, {
        action: 'import.complete',
        entityType: 'import',
        entityId: batchId,
        changes: { kind: batch.kind, targetStatus: batch.targetStatus, mode: batch.mode, importedRows: imported, invalidRows: summary.invalidRows },
      });
    });
  } catch (e) {
    if (e instanceof InvalidRows) {
      const failure = { zh: '有数据行未通过校验（整体导入模式），未导入任何记录', en: 'Some rows are invalid (all-or-nothing mode); nothing was imported' };
      await failBatch(db, batchId, now, failure, summary);
      return;
    }
    if (e instanceof UnreadableFile) {
      await failBatch(db, batchId, now, { zh: e.zh, en: e.en }, summary);
      return;
    }
    throw e;
  }
}

async function failBatch(db: Db, batchId: string, now: Date, failure: { zh: string; en: string }, s: ScanSummary): Promise<void> {
  await updateBatch(db, batchId, {
    status: 'failed',
    failure: JSON.stringify(failure),
    importedRows: 0,
    invalidRows: s.invalidRows,
    errors: s.errors,
    finishedAt: now,
  });
}
