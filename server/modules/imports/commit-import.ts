import type { ImportTarget } from '../../../shared/contracts/imports.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertMayImport } from './create-import.js';
import { commitImportJob } from './jobs.js';
import { type BatchRow, findBatch, updateBatch } from './repository.js';

/** Whether a batch can be committed now (validated, rows to import, and all valid unless valid_only). */
export function committable(b: BatchRow): boolean {
  return b.status === 'validated' && b.validRows > 0 && (b.mode === 'valid_only' || b.invalidRows === 0);
}

/**
 * Ask for a validated batch to be imported: the commit job does the inserts
 * after this transaction (`inline: true` leaves it to the caller, the CLI).
 */
export async function commitImport(tx: Tx, actor: Actor, id: string, now: Date, opts: { inline?: boolean } = {}): Promise<BatchRow> {
  const batch = await findBatch(tx, id, { forUpdate: true });
  if (!batch) throw new AppError('NOT_FOUND');
  requireCan(actor, 'commit', 'import', { organisationId: batch.organisationId });
  if (batch.organisationId) await assertMayImport(tx, actor, batch.organisationId, batch.targetStatus as ImportTarget);
  if (batch.status !== 'validated') throw new AppError('INVALID_STATE');
  if (!committable(batch)) {
    throw new AppError('INVALID_STATE', {
      message:
        batch.validRows === 0
          ? { zh: '没有可导入的有效数据行。', en: 'There are no valid rows to import.' }
          : { zh: '有数据行未通过校验：请修正后重新上传，或选择“仅导入有效行”。', en: 'Some rows are invalid: fix and upload again, or import the valid rows only.' },
    });
  }
  await updateBatch(tx, id, { status: 'importing', processedRows: 0 });
  if (!opts.inline) await enqueue(tx, commitImportJob, { batchId: id });
  await recordAudit(tx, actor, {
    action: 'import.commit',
    entityType: 'import',
    entityId: id,
    changes: { status: { before: 'validated', after: 'importing' }, validRows: batch.validRows, invalidRows: batch.invalidRows, mode: batch.mode },
  });
  return { ...batch, status: 'importing', processedRows: 0 };
}
