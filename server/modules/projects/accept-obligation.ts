import { eq } from 'drizzle-orm';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findAchievementRef } from './repository.js';
import { loadForReview, type Reviewed, tellUnit } from './review-obligation.js';
import { projectObligations } from './schema.js';

/**
 * The bureau accepts a submission (submitted → accepted, final). An
 * achievement obligation is met only by a published achievement: the catalog
 * review must have run its course first.
 */
export async function acceptObligation(tx: Tx, actor: Actor, id: string, input: { note?: string }, now: Date): Promise<Reviewed> {
  const r = await loadForReview(tx, actor, id, 'accepted');
  if (r.obligation.kind === 'achievement') {
    const a = r.obligation.achievementId ? await findAchievementRef(tx, r.obligation.achievementId) : null;
    if (!a || a.status !== 'published') {
      throw new AppError('INVALID_STATE', {
        message: {
          zh: '关联的科技成果尚未通过审核发布，暂不能验收；可退回并说明原因。',
          en: 'The linked achievement is not published yet, so this cannot be accepted; return it with a note instead.',
        },
      });
    }
  }
  const note = input.note?.trim() || null;
  const [row] = await tx
    .update(projectObligations)
    .set({ status: 'accepted', reviewedAt: now, reviewedBy: actor.userId, reviewNote: note })
    .where(eq(projectObligations.id, id))
    .returning();
  await tellUnit(tx, r, 'obligation.accepted', note);
  await recordAudit(tx, actor, {
    action: 'obligation.accept',
    entityType: 'project_obligation',
    entityId: id,
    changes: { status: { before: r.obligation.status, after: 'accepted' }, reviewNote: { before: r.obligation.reviewNote, after: note } },
  });
  return { obligation: row!, project: r.project };
}
