import type { ImportRowError, ImportView } from '../../../shared/contracts/imports.js';
import { type Actor, can } from '../../core/access.js';
import { committable } from './commit-import.js';
import type { BatchRow } from './repository.js';

/** A batch as the API shows it, with the failure in the caller's language. */
export function presentBatch(actor: Actor, b: BatchRow): ImportView {
  const errors = (b.errors as ImportRowError[]) ?? [];
  let failure: string | null = null;
  if (b.failure) {
    try {
      const f = JSON.parse(b.failure) as { zh: string; en: string };
      failure = actor.locale === 'en' ? f.en : f.zh;
    } catch {
      failure = b.failure;
    }
  }
  const rejectedErrors = new Set(errors.map((e) => e.row)).size;
  return {
    id: b.id,
    kind: b.kind as ImportView['kind'],
    format: b.format as ImportView['format'],
    mode: b.mode as ImportView['mode'],
    targetStatus: b.targetStatus as ImportView['targetStatus'],
    status: b.status as ImportView['status'],
    fileId: b.fileId,
    organisationId: b.organisationId,
    totalRows: b.totalRows,
    processedRows: b.processedRows,
    validRows: b.validRows,
    invalidRows: b.invalidRows,
    importedRows: b.importedRows,
    errors,
    errorsTruncated: rejectedErrors < b.invalidRows,
    failure,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    actions: committable(b) && can(actor, 'commit', 'import', { organisationId: b.organisationId }) ? ['commit'] : [],
  };
}
