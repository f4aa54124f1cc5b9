import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { ObjectionBody, ResolveObjectionBody } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { notify } from '../notifications/notify.js';
import { addEvent, applicationLink, bureauUserIds, callLink, findApplication, findCall } from './repository.js';
import { fundingApplications, fundingObjections } from './schema.js';

export type ObjectionRow = typeof fundingObjections.$inferSelect;

/**
 * Anyone signed in may object during the public notice, with reasons and
 * evidence, to the list or to one proposed award. The bureau is told; the
 * list cannot become final while the objection is open.
 */
export async function fileObjection(tx: Tx, actor: Actor, callId: string, input: z.output<typeof ObjectionBody>, now: Date): Promise<string> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  // The call's row lock orders this against the list becoming final (finaliseNotice) at the period's edge.
  const call = await findCall(tx, callId, true);
  if (!call) throw new AppError('NOT_FOUND');
  if (call.status !== 'notice' || !call.noticeEndsAt || now >= call.noticeEndsAt) throw new AppError('INVALID_STATE', { message: { zh: '不在公示期内。', en: 'The call is not in its public notice period.' } });
  let title = '';
  if (input.applicationId) {
    const a = await findApplication(tx, input.applicationId);
    if (!a || a.callId !== callId || a.awardFen === null) throw AppError.field('applicationId', '不是本次公示名单中的项目', 'Not on this award list');
    title = a.title;
  }
  // The objector's own uploads only (or their organisation's): an id of someone else's file is refused by field, nothing stored.
  await assertFilesUsable(tx, actor, input.evidenceFileIds, (i) => `evidenceFileIds.${i}`);
  const [row] = await tx.insert(fundingObjections).values({ callId, applicationId: input.applicationId ?? null, userId: actor.userId, text: input.text, evidenceFileIds: input.evidenceFileIds, createdAt: now }).returning();
  await notify(tx, { userIds: await bureauUserIds(tx), kind: 'funding.objection', params: { call: call.title, title }, link: `${callLink(callId)}?tab=notice` });
  await recordAudit(tx, actor, { action: 'funding_call.objection', entityType: 'funding_call', entityId: callId, changes: { objectionId: row!.id, applicationId: input.applicationId ?? null, evidence: input.evidenceFileIds.length } });
  return row!.id;
}

/**
 * The bureau resolves an open objection. Upheld against a proposed award:
 * the award is withdrawn (the reason kept and shown), the applicant told,
 * and the other open objections to the same award settle with it; the freed
 * budget may go to the next-ranked application (`addAward`). Dismissed:
 * nothing changes. The objector is told either way.
 */
export async function resolveObjection(tx: Tx, actor: Actor, id: string, input: z.output<typeof ResolveObjectionBody>, now: Date): Promise<ObjectionRow> {
  requireCan(actor, 'review', 'funding_application');
  const [peek] = await tx.select().from(fundingObjections).where(eq(fundingObjections.id, id));
  if (!peek) throw new AppError('NOT_FOUND');
  const call = (await findCall(tx, peek.callId, true))!;
  const [o] = await tx.select().from(fundingObjections).where(eq(fundingObjections.id, id)).for('update');
  if (o!.status !== 'open' || call.status !== 'notice') throw new AppError('INVALID_STATE', { message: { zh: '该异议已处理。', en: 'This objection has already been resolved.' } });
  const status = input.decision === 'uphold' ? 'upheld' : 'dismissed';
  const settled = [id];
  if (status === 'upheld' && o!.applicationId) {
    const a = (await findApplication(tx, o!.applicationId, true))!;
    if (a.awardFen !== null && a.status === 'ranked') {
      await tx.update(fundingApplications).set({ awardFen: null, withdrawnNote: input.resolution }).where(eq(fundingApplications.id, a.id));
      await addEvent(tx, a.id, 'award_withdrawn', now, input.resolution);
      if (a.applicantUserId) await notify(tx, { userIds: [a.applicantUserId], kind: 'funding.award_withdrawn', params: { title: a.title, note: input.resolution }, link: applicationLink(a.id) });
    }
    const others = await tx.select().from(fundingObjections).where(and(eq(fundingObjections.applicationId, a.id), eq(fundingObjections.status, 'open'), ne(fundingObjections.id, id)));
    settled.push(...others.map((x) => x.id));
  }
  const recipients = new Set<string>();
  for (const oid of settled) {
    const [row] = await tx.update(fundingObjections).set({ status, resolution: input.resolution, resolvedBy: actor.userId, resolvedAt: now }).where(eq(fundingObjections.id, oid)).returning();
    if (row!.userId) recipients.add(row!.userId);
  }
  await notify(tx, { userIds: [...recipients], kind: 'funding.objection_resolved', params: { call: call.title, decision: input.decision, resolution: input.resolution } });
  await recordAudit(tx, actor, { action: `funding_objection.${input.decision}`, entityType: 'funding_objection', entityId: id, changes: { status: { before: 'open', after: status }, settled, applicationId: o!.applicationId } });
  const [out] = await tx.select().from(fundingObjections).where(eq(fundingObjections.id, id));
  return out!;
}
