import { type Actor, permissionsOf, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadUser } from '../identity/repository.js';
import { notify } from '../notifications/notify.js';
import { loadCaseFor } from './load-case.js';
import { caseLink, notifyOthers } from './notices.js';
import { type CaseRow, findCase, findCaseWithRefs, insertEvent, updateCase } from './repository.js';
import { isOpen } from './transitions.js';

/** A broker must not broker a case of their own organisation. */
function conflicted(c: CaseRow, brokerOrgId: string | null): boolean {
  return brokerOrgId !== null && (brokerOrgId === c.initiatorOrgId || brokerOrgId === c.counterpartOrgId);
}

async function setBroker(tx: Tx, actor: Actor, c: CaseRow, broker: { id: string; displayName: string }, action: 'assign_broker' | 'claim', now: Date): Promise<CaseRow> {
  const updated = await updateCase(tx, c.id, { brokerUserId: broker.id, brokerAssignedAt: now, updatedAt: now });
  await insertEvent(tx, { caseId: c.id, type: 'broker', body: broker.displayName, actorUserId: actor.userId, actorOrgId: null, now });
  const refs = (await findCaseWithRefs(tx, c.id))!;
  const params = { caseId: c.id, title: refs.demandTitle ?? refs.achievementTitle ?? '', brokerName: broker.displayName };
  await notifyOthers(tx, updated, { side: null, broker: true }, 'case.broker_assigned', params);
  if (action === 'assign_broker') await notify(tx, { userIds: [broker.id], kind: 'case.broker_assigned_to_you', params, link: caseLink(c.id) });
  await recordAudit(tx, actor, {
    action: `case.${action}`,
    entityType: 'match_case',
    entityId: c.id,
    changes: { brokerUserId: { before: c.brokerUserId, after: broker.id } },
  });
  return updated;
}

/**
 * The bureau assigns (or reassigns) a broker to an open case. The person must
 * be an active account holding the broker role, from neither organisation of
 * the case; anything else is a `brokerUserId` field error.
 */
export async function assignBroker(tx: Tx, actor: Actor, id: string, input: { brokerUserId: string }, now: Date): Promise<CaseRow> {
  requireCan(actor, 'assign', 'case');
  const { row } = await loadCaseFor(tx, actor, id);
  if (!isOpen(row.status)) throw new AppError('INVALID_STATE');
  const user = await loadUser(tx, { id: input.brokerUserId });
  if (!user || user.status !== 'active' || !user.roles.includes('broker')) {
    throw AppError.field('brokerUserId', '该用户不是在用的技术经纪人', 'This user is not an active broker');
  }
  if (conflicted(row, user.organisationId)) {
    throw AppError.field('brokerUserId', '经纪人不能服务本单位参与的对接', 'A broker cannot broker a case of their own organisation');
  }
  if (row.brokerUserId === user.id) return row;
  return setBroker(tx, actor, row, user, 'assign_broker', now);
}

/**
 * A broker takes an open case that has no broker yet. The case is locked, so
 * of two brokers claiming at once the second finds it taken (CONFLICT).
 */
export async function claimCase(tx: Tx, actor: Actor, id: string, now: Date): Promise<CaseRow> {
  requireCan(actor, 'claim', 'case');
  if (!permissionsOf(actor).includes('claim:case:any')) throw new AppError('FORBIDDEN');
  const row = await findCase(tx, id, { forUpdate: true });
  if (!row) throw new AppError('NOT_FOUND');
  if (!isOpen(row.status)) throw new AppError('INVALID_STATE');
  if (row.brokerUserId) {
    throw new AppError('CONFLICT', { message: { zh: '该对接已有技术经纪人。', en: 'This case already has a broker.' } });
  }
  if (conflicted(row, actor.organisationId)) {
    throw new AppError('FORBIDDEN', { message: { zh: '经纪人不能服务本单位参与的对接。', en: 'A broker cannot broker a case of their own organisation.' } });
  }
  const me = (await loadUser(tx, { id: actor.userId! }))!;
  return setBroker(tx, actor, row, me, 'claim', now);
}
