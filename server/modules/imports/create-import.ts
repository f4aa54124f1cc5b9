import type { z } from 'zod';
import type { createImport as createImportEndpoint } from '../../../shared/contracts/imports.js';
import { type Actor, can, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { XLSX_TYPE, CSV_TYPE } from '../files/detect-type.js';
import { importSource } from '../files/read-file.js';
import { fileBytes } from '../files/repository.js';
import { findOrganisation } from '../organisations/repository.js';
import { validateImportJob } from './jobs.js';
import { estimateRows } from './read-rows.js';
import { type BatchRow, insertBatch } from './repository.js';
import './policy.js';

export type CreateImportInput = z.output<NonNullable<(typeof createImportEndpoint)['body']>>;

/**
 * Who may import what, checked at creation and again at commit: the caller's
 * own organisation unless staff; publishing only with `publish:import`;
 * submitting or publishing only for a verified organisation.
 */
export async function assertMayImport(tx: Tx, actor: Actor, organisationId: string, target: CreateImportInput['targetStatus']): Promise<void> {
  requireCan(actor, 'create', 'import', { organisationId });
  if (target === 'published' && !can(actor, 'publish', 'import', { organisationId })) {
    throw new AppError('FORBIDDEN', {
      message: { zh: '只有审核人员和科技局管理员可以直接导入为“已发布”。', en: 'Only reviewers and the bureau may import records as published.' },
    });
  }
  const org = await findOrganisation(tx, organisationId);
  if (!org) throw AppError.field('organisationId', '单位不存在', 'No such organisation');
  if (target !== 'draft' && org.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
}

/**
 * Create an import batch for an uploaded file. Validation runs as a job after
 * commit (`inline: true` leaves it to the caller: the CLI validates in-process).
 */
export async function createImport(tx: Tx, actor: Actor, input: CreateImportInput, now: Date, opts: { inline?: boolean } = {}): Promise<BatchRow> {
  const organisationId = input.organisationId ?? actor.organisationId;
  if (!organisationId) {
    throw AppError.field('organisationId', '请选择导入记录所属的单位', 'Choose the organisation the imported records belong to');
  }
  await assertMayImport(tx, actor, organisationId, input.targetStatus);
  const file = await importSource(tx, actor, input.fileId);
  const format = file.contentType === XLSX_TYPE ? 'xlsx' : file.contentType === CSV_TYPE ? 'csv' : 'jsonl';
  const data = await fileBytes(tx, file.id);
  const batch = await insertBatch(tx, {
    kind: input.kind,
    format,
    fileId: file.id,
    organisationId,
    createdBy: actor.userId,
    mode: input.mode,
    targetStatus: input.targetStatus,
    status: 'validating',
    totalRows: data ? estimateRows(format, data) : 0,
    createdAt: now,
  });
  if (!opts.inline) await enqueue(tx, validateImportJob, { batchId: batch.id });
  await recordAudit(tx, actor, {
    action: 'import.create',
    entityType: 'import',
    entityId: batch.id,
    changes: { kind: input.kind, format, mode: input.mode, targetStatus: input.targetStatus, organisationId, fileId: file.id, filename: file.filename },
  });
  return batch;
}
