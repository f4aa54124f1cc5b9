import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadForReview, type Reviewed, tellUnit } from './review-obligation.js';
import { projectObligations } from './schema.js';

/** The bureau returns a submission with a note the unit sees (submitted → returned). */
export async function returnObligation(tx: Tx, actor: Actor, id: string, input: { note: string }, now: Date): Promise<Reviewed> {
  const note = input.note.trim();
  const r = await loadForReview(tx, actor, id, 'returned');
  if (!note) throw AppError.field('note', '退回时请说明原因，承担单位会看到它', 'Say why it is returned; the unit will see it');
  const [row] = await tx
    .update(projectObligations)
    .set({ status: 'returned', reviewedAt: now, reviewedBy: actor.userId, reviewNote: note })
    .where(eq(projectObligations.id, id))
    .returning();
  await tellUnit(tx, r, 'obligation.returned', note);
  await recordAudit(tx, actor, {
    action: 'obligation.return',
    entityType: 'project_obligation',
    entityId: id,
    changes: { status: { before: r.obligation.status, after: 'returned' }, reviewNote: { before: r.obligation.reviewNote, after: note } },
  });
  return { obligation: row!, project: r.project };
}
