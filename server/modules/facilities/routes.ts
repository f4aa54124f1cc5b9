import './notification-texts.js';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as c from '../../../shared/contracts/facilities.js';
import { type Actor, can, permissionsOf } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { sendDownload } from '../../http/download.js';
import { type App, route } from '../../http/route.js';
import { moveBooking } from './decide-booking.js';
import { searchDirectory } from './directory.js';
import { exportUsage } from './export-usage.js';
import { addBlock, removeBlock } from './manage-blocks.js';
import { presentBooking, presentFacility } from './present.js';
import { recordUsage } from './record-usage.js';
import { bookingWithRefs, findFacility, listBlocks, listBookingsWithRefs, listFacilities, orgName, type FacilityRow } from './repository.js';
import { requestBooking } from './request-booking.js';
import { reviewFacility, withdrawFacility } from './review-facility.js';
import { createFacility, updateFacility } from './save-facility.js';
import { facilities, facilityBookings, facilityUsage } from './schema.js';
import { utilisation } from './utilisation.js';
import './policy.js';

/** A facility the caller may see: published ones for everyone, others for the owner and the bureau. */
async function visibleFacility(db: DbOrTx, actor: Actor, id: string): Promise<FacilityRow> {
  const f = await findFacility(db, id);
  if (!f || (f.status !== 'published' && !can(actor, 'read', 'facility', { organisationId: f.organisationId }))) throw new AppError('NOT_FOUND');
  return f;
}

/** A facility the caller manages (owner side). */
async function managedFacility(db: DbOrTx, actor: Actor, id: string): Promise<FacilityRow> {
  const f = await findFacility(db, id);
  if (!f || !can(actor, 'read', 'facility', { organisationId: f.organisationId })) throw new AppError('NOT_FOUND');
  return f;
}

/** Shared labs and instruments, bookings and usage (docs/workflows/facilities.md). */
export function facilityRoutes(app: App): void {
  const view = async (db: DbOrTx, actor: Actor, f: FacilityRow) => presentFacility(actor, f, await orgName(db, f.organisationId));

  route(app, c.createFacility, { access: 'create:facility' }, async ({ actor, body, deps }) => {
    const row = await withTx(deps.db, (tx) => createFacility(tx, actor, body, deps.clock()));
    return view(deps.db, actor, row);
  });

  route(app, c.listMyFacilities, { access: 'read:facility' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (!permissionsOf(actor).includes('read:facility:any')) conds.push(eq(facilities.organisationId, actor.organisationId ?? '00000000-0000-0000-0000-000000000000'));
    if (query.status === 'submitted') conds.push(sql`(${facilities.status} = 'submitted' OR (${facilities.status} = 'published' AND ${facilities.pendingChanges} IS NOT NULL))`);
    else if (query.status) conds.push(eq(facilities.status, query.status));
    const { items, total } = await listFacilities(deps.db, conds.length ? and(...conds) : undefined, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return { items: items.map((f) => presentFacility(actor, f, f.organisationName)), total, page: query.page, pageSize: query.pageSize };
  });

  route(app, c.getFacility, { access: 'public' }, async ({ actor, params, deps }) => view(deps.db, actor, await visibleFacility(deps.db, actor, params.id)));

  route(app, c.updateFacility, { access: 'update:facility' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => updateFacility(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, row);
  });

  route(app, c.withdrawFacility, { access: 'update:facility' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => withdrawFacility(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, row);
  });

  route(app, c.reviewFacility, { access: 'review:facility' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => reviewFacility(tx, actor, params.id, body, deps.clock()));
    return view(deps.db, actor, row);
  });

  route(app, c.directory, { access: 'public' }, async ({ actor, query, deps }) => {
    const { items, total, capped, mode } = await searchDirectory(deps.db, query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return {
      items: items.map((f) => {
        const v = presentFacility(actor, f, f.organisationName);
        return { id: v.id, kind: v.kind, name: v.name, organisation: v.organisation, category: v.category, model: v.model, location: v.location, feeUnit: v.feeUnit, feeFen: v.feeFen, snippet: f.description.slice(0, 120) || null };
      }),
      total,
      totalCapped: capped,
      page: query.page,
      pageSize: query.pageSize,
      mode,
    };
  });

  route(app, c.calendar, { access: 'public' }, async ({ actor, params, query, deps }) => {
    const f = await visibleFacility(deps.db, actor, params.id);
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from || to.getTime() - from.getTime() > 62 * 86_400_000) throw AppError.field('to', '查询范围须在 62 天以内', 'The range must be at most 62 days');
    const blocks = await listBlocks(deps.db, f.id, from, to);
    const busy = await deps.db
      .select({ startsAt: facilityBookings.startsAt, endsAt: facilityBookings.endsAt })
      .from(facilityBookings)
      .where(and(eq(facilityBookings.facilityId, f.id), inArray(facilityBookings.status, ['confirmed', 'completed']), sql`${facilityBookings.endsAt} > ${from.toISOString()}::timestamptz`, sql`${facilityBookings.startsAt} < ${to.toISOString()}::timestamptz`))
      .orderBy(facilityBookings.startsAt);
    return {
      openingHours: f.openingHours,
      blocks: blocks.map((b) => ({ id: b.id, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), reason: b.reason })),
      busy: busy.map((b) => ({ startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() })),
    };
  });

  route(app, c.addBlock, { access: 'manage:facility' }, async ({ actor, params, body, deps }) => {
    const b = await withTx(deps.db, (tx) => addBlock(tx, actor, params.id, body, deps.clock()));
    return { id: b.id, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), reason: b.reason };
  });

  route(app, c.removeBlock, { access: 'manage:facility' }, async ({ actor, params, deps }) => {
    await withTx(deps.db, (tx) => removeBlock(tx, actor, params.id, params.blockId));
    return { ok: true as const };
  });

  route(app, c.requestBooking, { access: 'create:booking' }, async ({ actor, params, body, deps }) => {
    const row = await withTx(deps.db, (tx) => requestBooking(tx, actor, params.id, body, deps.clock()));
    return presentBooking(actor, (await bookingWithRefs(deps.db, row.id))!, deps.clock());
  });

  route(app, c.listBookings, { access: 'read:booking' }, async ({ actor, query, deps }) => {
    const conds: SQL[] = [];
    if (query.scope === 'owner') {
      if (!can(actor, 'manage', 'facility', { organisationId: actor.organisationId }) || !actor.organisationId) throw new AppError('FORBIDDEN');
      conds.push(eq(facilities.organisationId, actor.organisationId));
    } else {
      if (!can(actor, 'read', 'booking')) throw new AppError('FORBIDDEN');
      conds.push(eq(facilityBookings.requesterUserId, actor.userId!));
    }
    if (query.status) conds.push(eq(facilityBookings.status, query.status));
    if (query.facilityId) conds.push(eq(facilityBookings.facilityId, query.facilityId));
    const { items, total } = await listBookingsWithRefs(deps.db, and(...conds), { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const now = deps.clock();
    return { items: items.map((b) => presentBooking(actor, b, now)), total, page: query.page, pageSize: query.pageSize };
  });

  const moves = [
    [c.confirmBooking, 'confirm', 'manage:facility'],
    [c.declineBooking, 'decline', 'manage:facility'],
    [c.cancelBooking, 'cancel', 'cancel:booking'],
  ] as const;
  for (const [ep, move, access] of moves) {
    route(app, ep, { access }, async ({ actor, params, body, deps }) => {
      await withTx(deps.db, (tx) => moveBooking(tx, actor, params.id, move, body, deps.clock()));
      return presentBooking(actor, (await bookingWithRefs(deps.db, params.id))!, deps.clock());
    });
  }

  route(app, c.recordUsage, { access: 'manage:facility' }, async ({ actor, params, body, deps }) => {
    const u = await withTx(deps.db, (tx) => recordUsage(tx, actor, params.id, body, deps.clock()));
    return { id: u.id, facilityId: u.facilityId, bookingId: u.bookingId, userName: u.userName, startedAt: u.startedAt.toISOString(), endedAt: u.endedAt.toISOString(), samples: u.samples, feeFen: u.feeFen, note: u.note };
  });

  route(app, c.listUsage, { access: 'read:facility' }, async ({ actor, params, query, deps }) => {
    const f = await managedFacility(deps.db, actor, params.id);
    const rows = await deps.db
      .select()
      .from(facilityUsage)
      .where(eq(facilityUsage.facilityId, f.id))
      .orderBy(sql`${facilityUsage.startedAt} DESC`)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const [sum] = await deps.db.select({ n: sql<number>`count(*)::int`, fee: sql<string>`coalesce(sum(${facilityUsage.feeFen}), 0)::text` }).from(facilityUsage).where(eq(facilityUsage.facilityId, f.id));
    return {
      items: rows.map((u) => ({ id: u.id, facilityId: u.facilityId, bookingId: u.bookingId, userName: u.userName, startedAt: u.startedAt.toISOString(), endedAt: u.endedAt.toISOString(), samples: u.samples, feeFen: u.feeFen, note: u.note })),
      total: sum!.n,
      totalFeeFen: Number(sum!.fee),
      page: query.page,
      pageSize: query.pageSize,
    };
  });

  route(app, c.utilisation, { access: 'read:facility' }, async ({ actor, params, query, deps }) => {
    const f = await managedFacility(deps.db, actor, params.id);
    return { year: query.year, months: await utilisation(deps.db, f, query.year) };
  });

  route(app, c.usageExport, { access: 'read:facility' }, async ({ actor, params, query, deps, reply }) => {
    const f = await managedFacility(deps.db, actor, params.id);
    const out = await exportUsage(deps.db, f, query.year);
    return sendDownload(reply, { contentType: out.contentType, contentDisposition: out.contentDisposition, body: out.buffer, rows: out.rows });
  });
}
