/** What accepting and returning share: loading under lock, and telling the unit. */
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { notify } from '../notifications/notify.js';
import { projectLink, unitAdmins } from './notices.js';
import { findObligation, findProject, type ObligationRow, type ProjectRow } from './repository.js';
import { canTransition } from './status.js';

export type Reviewed = { obligation: ObligationRow; project: ProjectRow };

/** Lock a submitted obligation for the bureau's decision. */
export async function loadForReview(tx: Tx, actor: Actor, id: string, to: 'accepted' | 'returned'): Promise<Reviewed> {
  const obligation = await findObligation(tx, id, { forUpdate: true });
  if (!obligation) throw new AppError('NOT_FOUND');
  const project = (await findProject(tx, obligation.projectId))!;
  requireCan(actor, 'review', 'obligation', { organisationId: project.undertakingOrgId });
  if (!canTransition(obligation.status, to)) {
    throw new AppError('INVALID_STATE', {
      message: { zh: '只有已提交、待审核的义务才能验收或退回。', en: 'Only a submitted obligation awaiting review can be accepted or returned.' },
    });
  }
  return { obligation, project };
}

/** Tell the unit's administrators and whoever submitted. */
export async function tellUnit(tx: Tx, r: Reviewed, kind: 'obligation.accepted' | 'obligation.returned', note: string | null): Promise<void> {
  const admins = await unitAdmins(tx, r.project.undertakingOrgId);
  const userIds = [...admins.map((a) => a.id), ...(r.obligation.submittedBy ? [r.obligation.submittedBy] : [])];
  await notify(tx, {
    userIds,
    kind,
    params: { projectTitle: r.project.title, obligationTitle: r.obligation.title, note },
    link: projectLink(r.project.id),
  });
}

