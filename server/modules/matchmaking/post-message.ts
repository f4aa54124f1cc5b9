import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { loadCaseFor, otherSide } from './load-case.js';
import { notifyOthers } from './notices.js';
import { type CaseRow, findCaseWithRefs, insertEvent, updateCase } from './repository.js';
import { isOpen } from './transitions.js';

/**
 * A message or a file in the case, by one of the parties or the broker.
 * Closed cases take nothing more. A party's message makes it the other
 * side's move and restarts the silence clock; a broker's leaves both alone
 * (the broker nudging does not count as the silent side answering).
 */
export async function postMessage(tx: Tx, actor: Actor, id: string, input: { text?: string; fileId?: string }, now: Date): Promise<CaseRow> {
  const { row, part } = await loadCaseFor(tx, actor, id);
  if (!part.mover) throw new AppError('FORBIDDEN');
  if (row.status === 'closed') throw new AppError('INVALID_STATE');
  if (input.fileId) {
    try {
      await assertFilesUsable(tx, actor, [input.fileId]);
    } catch (e) {
      // The files module names the catalog's field; here the field is `fileId`.
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
        throw new AppError('VALIDATION_FAILED', { fields: (e.options.fields ?? []).map((f) => ({ ...f, path: 'fileId' })) });
      }
      throw e;
    }
  }
  await insertEvent(tx, {
    caseId: id,
    type: input.fileId ? 'file' : 'message',
    body: input.text ?? null,
    fileId: input.fileId ?? null,
    actorUserId: actor.userId,
    actorOrgId: part.side ? actor.organisationId : null,
    now,
  });
  const updated = await updateCase(
    tx,
    id,
    part.side && isOpen(row.status)
      ? { awaiting: otherSide(part.side), lastActivityAt: now, remindedAt: null, escalatedAt: null, updatedAt: now }
      : { updatedAt: now },
  );
  const refs = (await findCaseWithRefs(tx, id))!;
  await notifyOthers(tx, updated, part, 'case.message', {
    caseId: id,
    title: refs.demandTitle ?? refs.achievementTitle ?? '',
    from: part.side === 'initiator' ? refs.initiatorName : part.side === 'counterpart' ? refs.counterpartName : (refs.brokerName ?? ''),
    file: Boolean(input.fileId),
  });
  await recordAudit(tx, actor, {
    action: 'case.message',
    entityType: 'match_case',
    entityId: id,
    // The text stays in the case; the audit log keeps only that one was written.
    changes: { type: input.fileId ? 'file' : 'message', fileId: input.fileId ?? null, length: input.text?.length ?? 0, as: part.mover },
  });
  return updated;
}
