/** Jobs of the trading domain (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { systemActor } from '../../core/access.js';
import { defineJob, defineSchedule } from '../../core/jobs/queue.js';
import { withTx } from '../../db/tx.js';

/**
 * Close an auction at its end time. Enqueued at creation and again at each
 * extension; a job that finds the end moved on does nothing.
 */
export const closeAuctionJob = defineJob({
  name: 'trading.close_auction',
  payload: z.object({ auctionId: z.uuid() }),
  handler: async ({ auctionId }, { db, now, log }) => {
    const { closeAuction } = await import('./close-auction.js');
    const r = await closeAuction(db, auctionId, now());
    if (r !== 'not_due') log.info({ auctionId, result: r }, 'auction closed');
  },
});

/** Make a deal final at the end of its public notice (nothing happens while an objection is open). */
export const finaliseDealJob = defineJob({
  name: 'trading.finalise_deal',
  payload: z.object({ dealId: z.uuid() }),
  handler: async ({ dealId }, { db, now }) => {
    const { finaliseDeal } = await import('./deals.js');
    await withTx(db, (tx) => finaliseDeal(tx, systemActor(), dealId, now()));
  },
});

/**
 * The minutely sweep: auctions past their end, deals past their notice with
 * nothing open, listings past their period (a safety net for the jobs above,
 * and the only route to expiry).
 */
export const tradingSweepJob = defineJob({
  name: 'trading.sweep',
  payload: z.object({}),
  handler: async (_p, { db, now, log }) => {
    const { sweep } = await import('./sweep.js');
    const r = await sweep(db, now());
    if (r.auctions + r.deals + r.expired > 0) log.info(r, 'trading sweep');
  },
});

defineSchedule(tradingSweepJob, 60, {});
