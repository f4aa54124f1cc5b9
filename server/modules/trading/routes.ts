import './notification-texts.js';
import { and, count, desc, eq } from 'drizzle-orm';
import * as c from '../../../shared/contracts/trading.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { CONTENT_TYPES, contentDisposition, sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { findFile } from '../files/repository.js';
import { checkBid, placeBid, recordDeposit, recordRefund, registerBidder } from './bidding.js';
import { acceptOffer, buyListing, declineOffer, makeOffer, withdrawOffer } from './buying.js';
import { createListing, startAuction, withdrawListing } from './create-listing.js';
import { exportDeals } from './export-deals.js';
import { listListings } from './list-listings.js';
import { AuctionHub } from './live.js';
import { fileObjection, resolveObjection } from './objections.js';
import { auctionLive, myTrading, presentBidders, presentDeal, presentDealsPublic, presentListing, presentListingSummaries, presentObjectionRows, presentAuctionPublic, seesAllObjections } from './present.js';
import { findAuction, findDeal, findObjection } from './repository.js';
import { auctionBidders, tradeDeals, tradeObjections } from './schema.js';
import { bidsOf } from './repository.js';
import { confirmationPdf } from './confirmation-pdf.js';
import { confirmDeal, loadConfirmation, presentConfirmation } from './confirmations.js';
import type { FastifyRequest } from 'fastify';
import './policy.js';

const HEARTBEAT_MS = 15_000;
/** Confirming a deal re-enters the password: limited like sign-in, per address and per account. */
const CONFIRM_LIMIT = { max: 60, timeWindow: '1 minute' };
const CONFIRM_ACCOUNT_LIMIT = { max: 10, timeWindow: '1 minute', key: (req: FastifyRequest) => req.actor.userId ?? '' };
const hubs = new WeakMap<Db, AuctionHub>();

/** Listings, auctions, deals in public notice and objections (docs/workflows/trading.md). */
export function tradingRoutes(app: App): void {
  const hubOf = (db: Db, log: App['log']) => {
    let h = hubs.get(db);
    if (!h) {
      h = new AuctionHub(db.$client, log as never);
      hubs.set(db, h);
    }
    return h;
  };
  app.addHook('onClose', async () => {
    await hubs.get(app.deps.db)?.close();
    hubs.delete(app.deps.db);
  });

  route(app, c.listListings, { access: 'public' }, async ({ query, deps }) => {
    const now = deps.clock();
    const { items, total } = await listListings(deps.db, query, now);
    return { items: await presentListingSummaries(deps.db, items, now), total, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.getListing, { access: 'public' }, async ({ actor, params, deps }) => presentListing(deps.db, actor, params.id, deps.clock()));

  route(app, c.createListing, { access: 'create:trade_listing' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createListing(tx, actor, body, deps.clock()));
    return presentListing(deps.db, actor, row.id, deps.clock());
  });

  route(app, c.withdrawListing, { access: 'manage:trade_listing' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => withdrawListing(tx, actor, params.id, body, deps.clock()));
    return presentListing(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.startAuction, { access: 'manage:trade_listing' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => startAuction(tx, actor, params.id, body, deps.clock()));
    return presentListing(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.buyListing, { access: 'buy:trade_listing' }, async ({ actor, params, body, deps }) => {
    const deal = await withTx(deps.db, (tx) => buyListing(tx, actor, params.id, body, deps.clock()));
    return presentDeal(deps.db, actor, deal.id, deps.clock());
  });

  route(app, c.makeOffer, { access: 'buy:trade_listing' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => makeOffer(tx, actor, params.id, body, deps.clock()));
    return presentListing(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.acceptOffer, { access: 'manage:trade_listing' }, async ({ actor, params, deps }) => {
    const deal = await withTx(deps.db, (tx) => acceptOffer(tx, actor, params.id, deps.clock()));
    return presentDeal(deps.db, actor, deal.id, deps.clock());
  });

  route(app, c.declineOffer, { access: 'manage:trade_listing' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => declineOffer(tx, actor, params.id, deps.clock()));
    return { ok: true as const };
  });

  route(app, c.withdrawOffer, { access: 'buy:trade_listing' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => withdrawOffer(tx, actor, params.id, deps.clock()));
    return { ok: true as const };
  });

  route(app, c.myTrading, { access: 'authenticated' }, async ({ actor, deps }) => myTrading(deps.db, actor, deps.clock()));

  route(app, c.getAuction, { access: 'public' }, async ({ actor, params, query, deps }) => auctionLive(deps.db, actor, params.id, deps.clock(), query.afterSeq ?? 0));

  route(app, c.registerBidder, { access: 'bid:auction' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => registerBidder(tx, actor, params.id, deps.clock()));
    return auctionLive(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.placeBid, { access: 'bid:auction' }, async ({ actor, params, body, deps }) => {
    // Refusals that do not depend on the race cost one query, without a transaction.
    await checkBid(deps.db, actor, params.id, body.amountFen, deps.clock());
    await withTx(deps.db, (tx) => placeBid(tx, actor, params.id, body.amountFen, deps.clock()));
    return auctionLive(deps.db, actor, params.id, deps.clock());
  });

  /**
   * Server-sent events: on connect (and reconnect, after Last-Event-ID) the
   * state and the bids the client has not seen; then one "state" event per
   * committed change, a comment line as heartbeat every 15 s. The event id
   * is the number of bids so far.
   */
  route(app, c.auctionEvents, { access: 'public' }, async ({ params, deps, req, reply }) => {
    const id = params.id;
    if (!(await findAuction(deps.db, id))) throw new AppError('NOT_FOUND');
    const header = req.headers['last-event-id'];
    let lastSeq = Math.max(0, Number.parseInt(typeof header === 'string' ? header : '0', 10) || 0);
    const hub = hubOf(deps.db, app.log);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');
    let closed = false;
    let busy = false;
    let again = false;
    const push = async (): Promise<void> => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      try {
        do {
          again = false;
          const a = await findAuction(deps.db, id);
          if (!a || closed) return;
          const bids = a.bidCount > lastSeq ? await bidsOf(deps.db, id, lastSeq) : [];
          const data = {
            auction: await presentAuctionPublic(deps.db, a, deps.clock()),
            bids: bids.map((b) => ({ seq: b.seq, bidderNo: b.bidderNo, amountFen: b.amountFen, createdAt: b.createdAt.toISOString(), extendedTo: b.extendedTo?.toISOString() ?? null, mine: false })),
          };
          lastSeq = a.bidCount;
          if (!closed) raw.write(`id: ${a.bidCount}\nevent: state\ndata: ${JSON.stringify(data)}\n\n`);
        } while (again && !closed);
      } catch (err) {
        app.log.warn({ err, auctionId: id }, 'auction event stream update failed');
      } finally {
        busy = false;
      }
    };
    const unsubscribe = await hub.subscribe(id, () => void push());
    const beat = setInterval(() => {
      if (!closed) raw.write(': heartbeat\n\n');
    }, HEARTBEAT_MS);
    const stop = () => {
      if (closed) return;
      closed = true;
      clearInterval(beat);
      unsubscribe();
    };
    req.raw.on('close', stop);
    raw.on('close', stop);
    await push();
    return reply;
  });

  route(app, c.listBidders, { access: 'manage:auction' }, async ({ actor, query, deps }) => {
    const conds = [
      ...(query.depositStatus ? [eq(auctionBidders.depositStatus, query.depositStatus)] : []),
      ...(query.auctionId ? [eq(auctionBidders.auctionId, query.auctionId)] : []),
    ];
    const where = conds.length ? and(...conds) : undefined;
    const rows = await deps.db.select().from(auctionBidders).where(where).orderBy(desc(auctionBidders.registeredAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [{ n }] = (await deps.db.select({ n: count() }).from(auctionBidders).where(where)) as [{ n: number }];
    return { items: await presentBidders(deps.db, actor, rows), total: n, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.recordDeposit, { access: 'manage:auction' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => recordDeposit(tx, actor, params.id, body, deps.clock()));
    return (await presentBidders(deps.db, actor, [row]))[0]!;
  });

  route(app, c.recordRefund, { access: 'manage:auction' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => recordRefund(tx, actor, params.id, body, deps.clock()));
    return (await presentBidders(deps.db, actor, [row]))[0]!;
  });

  route(app, c.listNotices, { access: 'public' }, async ({ query, deps }) => {
    const where = eq(tradeDeals.status, query.status);
    const rows = await deps.db.select().from(tradeDeals).where(where).orderBy(desc(tradeDeals.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [{ n }] = (await deps.db.select({ n: count() }).from(tradeDeals).where(where)) as [{ n: number }];
    return { items: await presentDealsPublic(deps.db, rows), total: n, page: query.page, pageSize: query.pageSize };
  });

  // Before /deals/:id in the file for readers; Fastify matches the static segment first anyway.
  route(app, c.exportDeals, { access: 'read:trade_listing' }, async ({ query, deps, reply }) => {
    const out = await exportDeals(deps.db, query.status);
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });

  route(app, c.getDeal, { access: 'public' }, async ({ actor, params, deps }) => presentDeal(deps.db, actor, params.id, deps.clock()));

  route(app, c.fileObjection, { access: 'authenticated' }, async ({ actor, params, body, deps }) => {
    await withTx(deps.db, (tx) => fileObjection(tx, actor, params.id, body, deps.clock()));
    return presentDeal(deps.db, actor, params.id, deps.clock());
  });

  route(app, c.listObjections, { access: 'resolve:trade_objection' }, async ({ actor, query, deps }) => {
    const where = eq(tradeObjections.status, query.status);
    const rows = await deps.db.select().from(tradeObjections).where(where).orderBy(desc(tradeObjections.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const [{ n }] = (await deps.db.select({ n: count() }).from(tradeObjections).where(where)) as [{ n: number }];
    return { items: await presentObjectionRows(deps.db, actor, rows), total: n, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.resolveObjection, { access: 'resolve:trade_objection' }, async ({ actor, params, body, deps }) => {
    const deal = await withTx(deps.db, (tx) => resolveObjection(tx, actor, params.id, body, deps.clock()));
    return presentDeal(deps.db, actor, deal.id, deps.clock());
  });

  route(app, c.getDealConfirmation, { access: 'authenticated' }, async ({ actor, params, deps }) => presentConfirmation(deps.db, actor, await loadConfirmation(deps.db, actor, params.id)));

  route(app, c.confirmDeal, { access: 'authenticated', rateLimit: CONFIRM_LIMIT, rateLimitBy: CONFIRM_ACCOUNT_LIMIT }, async ({ actor, params, body, deps }) => {
    // The password is re-entered: a wrong one is audited and counts toward the sign-in lockout (confirmations.ts).
    await confirmDeal(deps.db, actor, params.id, body, deps.clock());
    return presentConfirmation(deps.db, actor, await loadConfirmation(deps.db, actor, params.id));
  });

  route(app, c.dealConfirmationPdf, { access: 'authenticated' }, async ({ actor, params, deps, reply }) => {
    const state = await loadConfirmation(deps.db, actor, params.id);
    const pdf = await confirmationPdf(deps.db, actor, state, deps.clock());
    void reply.header('cache-control', 'private, no-store');
    return sendDownload(reply, { contentType: CONTENT_TYPES.pdf, contentDisposition: pdf.contentDisposition, body: pdf.buffer });
  });

  route(app, c.downloadEvidence, { access: 'authenticated' }, async ({ actor, params, deps, reply }) => {
    const o = await findObjection(deps.db, params.id);
    const deal = o ? await findDeal(deps.db, o.dealId) : null;
    if (!o || !deal || !(o.filedBy === actor.userId || seesAllObjections(actor, deal)) || !o.evidenceFileIds.includes(params.fileId)) throw new AppError('NOT_FOUND');
    const file = await findFile(deps.db, params.fileId);
    if (!file) throw new AppError('NOT_FOUND');
    void reply.header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store');
    return sendDownload(reply, { contentType: file.contentType, contentDisposition: contentDisposition(file.filename, 'attachment'), body: file.data });
  });

}
