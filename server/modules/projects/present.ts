import type { z } from 'zod';
import type { ObligationKind, ObligationStatus, ObligationView, OverdueItem, ProjectView } from '../../../shared/contracts/projects.js';
import { type Actor, can } from '../../core/access.js';
import { daysOverdue } from './due-dates.js';
import type { ObligationWithRefs, OverdueRow, ProjectWithRefs } from './repository.js';
import { canTransition } from './status.js';

/** What the caller may do with a project (the web client shows only these). */
export function projectActions(actor: Actor, p: { undertakingOrgId: string }): string[] {
  const scope = { organisationId: p.undertakingOrgId };
  return can(actor, 'manage', 'project', scope) ? ['update', 'define_obligation'] : [];
}

/** What the caller may do with an obligation now, given its state. */
export function obligationActions(actor: Actor, o: { status: string }, undertakingOrgId: string): string[] {
  const scope = { organisationId: undertakingOrgId };
  const out: string[] = [];
  if (can(actor, 'manage', 'project', scope) && o.status !== 'accepted') out.push('update');
  if (can(actor, 'submit', 'obligation', scope) && actor.orgVerified && canTransition(o.status, 'submitted')) out.push('submit');
  if (can(actor, 'review', 'obligation', scope) && canTransition(o.status, 'accepted')) out.push('accept', 'return');
  return out;
}

export function presentObligation(actor: Actor, o: ObligationWithRefs, undertakingOrgId: string, now: Date): z.input<typeof ObligationView> {
  const days = daysOverdue(o, now);
  return {
    id: o.id,
    projectId: o.projectId,
    kind: o.kind as ObligationKind,
    title: o.title,
    dueDate: o.dueDate,
    status: o.status as ObligationStatus,
    overdue: days > 0,
    daysOverdue: days,
    reportNumber: o.reportNumber,
    achievement:
      o.achievementId && o.achievementTitle !== null
        ? { id: o.achievementId, title: o.achievementTitle, status: o.achievementStatus ?? '' }
        : null,
    file: o.fileId && o.filename !== null ? { id: o.fileId, filename: o.filename } : null,
    submittedAt: o.submittedAt?.toISOString() ?? null,
    reviewedAt: o.reviewedAt?.toISOString() ?? null,
    reviewNote: o.reviewNote,
    lastRemindedAt: o.lastRemindedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    actions: obligationActions(actor, o, undertakingOrgId),
  };
}

export function presentProject(actor: Actor, p: ProjectWithRefs): z.input<typeof ProjectView> {
  return {
    id: p.id,
    programme: p.programme,
    projectNo: p.projectNo,
    title: p.title,
    undertakingOrg: { id: p.undertakingOrgId, name: p.orgName },
    startDate: p.startDate,
    endDate: p.endDate,
    amountFen: p.amountFen,
    obligationCounts: p.counts,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    actions: projectActions(actor, p),
  };
}

export function presentOverdue(r: OverdueRow): z.input<typeof OverdueItem> {
  return {
    id: r.id,
    kind: r.kind as ObligationKind,
    title: r.title,
    dueDate: r.dueDate,
    status: r.status as ObligationStatus,
    daysOverdue: r.daysOverdue,
    lastRemindedAt: r.lastRemindedAt ? new Date(r.lastRemindedAt).toISOString() : null,
    project: { id: r.projectId, programme: r.programme, projectNo: r.projectNo, title: r.projectTitle },
    undertakingOrg: { id: r.orgId, name: r.orgName },
  };
}
