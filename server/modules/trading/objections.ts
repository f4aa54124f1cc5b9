import { and, eq } from 'drizzle-orm';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { assertFilesUsable } from '../files/read-file.js';
import { notify, notifyRole } from '../notifications/notify.js';
import { achievementTitle } from './deals.js';
import { finaliseDealJob } from './jobs.js';
import { dealLink, orgAdminIds } from './parties.js';
import { type DealRow, findDeal, findObjection, findTradeListing, openObjectionCount, updateTradeListing } from './repository.js';
import { auctionBidders, tradeDeals, tradeObjections } from './schema.js';

/**
 * Anyone signed in objects to a deal during its public notice, with reasons
 * and evidence (attachments they uploaded). The deal cannot become final
 * while an objection is open.
 */
export async function fileObjection(tx: Tx, actor: Actor, dealId: string, input: { reasons: string; evidenceFileIds: string[] }, now: Date): Promise<DealRow> {
  if (!actor.userId) throw new AppError('UNAUTHENTICATED');
  const deal = await findDeal(tx, dealId, { forUpdate: true });
  if (!deal) throw new AppError('NOT_FOUND');
  if (deal.status !== 'notice' || now.getTime() >= deal.noticeEndsAt.getTime()) {
    throw new AppError('INVALID_STATE', { message: { zh: '公示期已结束，不能再提出异议。', en: 'The public notice period is over; objections are closed.' } });
  }
  try {
    await assertFilesUsable(tx, actor, input.evidenceFileIds);
  } catch (e) {
    if (e instanceof AppError && e.options.fields) {
      throw new AppError('VALIDATION_FAILED', { fields: e.options.fields.map((f) => ({ ...f, path: f.path.replace(/^attachments\.(\d+)\.fileId$/, 'evidenceFileIds.$1') })) });
    }
    throw e;
  }
  const [row] = await tx
    .insert(tradeObjections)
    .values({ dealId, filedBy: actor.userId, filedOrgId: actor.organisationId, reasons: input.reasons, evidenceFileIds: input.evidenceFileIds, createdAt: now })
    .returning();
  const title = await achievementTitle(tx, deal.achievementId);
  await notifyRole(tx, 'reviewer', { kind: 'trade.objection', params: { title }, link: dealLink(dealId) });
  await notify(tx, { userIds: [...(await orgAdminIds(tx, deal.sellerOrgId)), ...(await orgAdminIds(tx, deal.buyerOrgId))], kind: 'trade.objection', params: { title }, link: dealLink(dealId) });
  await recordAudit(tx, actor, { action: 'trade_objection.file', entityType: 'trade_objection', entityId: row!.id, changes: { dealId, status: { before: null, after: 'open' }, evidence: input.evidenceFileIds.length } });
  return deal;
}

/**
 * A reviewer resolves an open objection. Upheld: the deal is cancelled and
 * the listing reopens (other open objections to it are settled with it).
 * Dismissed: if the notice has passed and nothing else is open, the deal is
 * finalised by the job at once.
 */
export async function resolveObjection(tx: Tx, actor: Actor, id: string, input: { decision: 'uphold' | 'dismiss'; resolution: string }, now: Date): Promise<DealRow> {
  requireCan(actor, 'resolve', 'trade_objection');
  const peek = await findObjection(tx, id);
  if (!peek) throw new AppError('NOT_FOUND');
  const deal = (await findDeal(tx, peek.dealId, { forUpdate: true }))!;
  const objection = (await findObjection(tx, id))!;
  if (objection.status !== 'open' || deal.status !== 'notice') throw new AppError('INVALID_STATE');
  const to = input.decision === 'uphold' ? 'upheld' : 'dismissed';
  await tx.update(tradeObjections).set({ status: to, resolution: input.resolution, resolvedBy: actor.userId, resolvedAt: now }).where(eq(tradeObjections.id, id));
  const title = await achievementTitle(tx, deal.achievementId);
  const parties = [...(await orgAdminIds(tx, deal.sellerOrgId)), ...(await orgAdminIds(tx, deal.buyerOrgId))];
  let result = deal;
  if (to === 'upheld') {
    // The other open objections fall with the deal: nothing is left to decide.
    await tx
      .update(tradeObjections)
      .set({ status: 'upheld', resolution: `随异议 ${id} 一并处理：${input.resolution}`, resolvedBy: actor.userId, resolvedAt: now })
      .where(and(eq(tradeObjections.dealId, deal.id), eq(tradeObjections.status, 'open')));
    [result] = (await tx.update(tradeDeals).set({ status: 'cancelled', cancelledAt: now, cancelReason: input.resolution }).where(eq(tradeDeals.id, deal.id)).returning()) as [DealRow];
    const listing = (await findTradeListing(tx, deal.listingId, { forUpdate: true }))!;
    await updateTradeListing(tx, listing.id, { status: 'open', updatedAt: now });
    // The winner's deposit was kept towards the price; with no deal it is owed back.
    if (deal.auctionId) {
      await tx
        .update(auctionBidders)
        .set({ depositStatus: 'refund_due' })
        .where(and(eq(auctionBidders.auctionId, deal.auctionId), eq(auctionBidders.depositStatus, 'retained')));
    }
    await recordAudit(tx, actor, { action: 'trade_deal.cancel', entityType: 'trade_deal', entityId: deal.id, changes: { status: { before: 'notice', after: 'cancelled' }, objectionId: id } });
  } else if ((await openObjectionCount(tx, deal.id)) === 0 && deal.noticeEndsAt.getTime() <= now.getTime()) {
    await enqueue(tx, finaliseDealJob, { dealId: deal.id });
  }
  await notify(tx, {
    userIds: [...parties, ...(objection.filedBy ? [objection.filedBy] : [])],
    kind: 'trade.objection_resolved',
    params: { title, decision: to },
    link: dealLink(deal.id),
  });
  await recordAudit(tx, actor, { action: `trade_objection.${input.decision}`, entityType: 'trade_objection', entityId: id, changes: { status: { before: 'open', after: to }, dealId: deal.id } });
  return result;
}
