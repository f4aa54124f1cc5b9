import { z } from 'zod';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Shared labs, R&D centres and large instruments (task 10): the owner's
 * register with review by the bureau, the public directory, bookings that
 * never overlap once confirmed, usage with fees, and monthly utilisation.
 * Workflow: docs/workflows/facilities.md. Money is integer fen (numbers: far
 * below 2^53 for any fee).
 */

export const FACILITY_KINDS = ['lab', 'rd_centre', 'instrument'] as const;
export const FacilityKind = z.enum(FACILITY_KINDS);
export const FACILITY_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const;
export const FacilityStatus = z.enum(FACILITY_STATUSES);
export const FEE_UNITS = ['hour', 'sample'] as const;
export const FeeUnit = z.enum(FEE_UNITS);
export const BOOKING_STATUSES = ['requested', 'confirmed', 'declined', 'cancelled', 'completed'] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Fen = z.number().int().min(0).max(1_000_000_000_00);

export const OpeningHours = z
  .object({ days: z.array(z.number().int().min(1).max(7)).min(1).max(7), open: Clock, close: Clock })
  .refine((h) => h.open < h.close, { message: 'close after open', path: ['close'] });
export type OpeningHours = z.infer<typeof OpeningHours>;

export const FacilityBody = z.object({
  kind: FacilityKind,
  name: Text(200),
  parentId: Id.nullable().optional(),
  category: z.string().trim().max(100).default(''),
  model: z.string().trim().max(200).nullable().optional(),
  manufacturer: z.string().trim().max(200).nullable().optional(),
  specifications: z.string().trim().max(8000).default(''),
  description: z.string().trim().max(8000).default(''),
  location: Text(300),
  contactName: z.string().trim().max(100).nullable().optional(),
  contactPhone: z.string().trim().max(50).nullable().optional(),
  feeUnit: FeeUnit,
  feeFen: Fen,
  openingHours: OpeningHours,
});
export type FacilityBody = z.output<typeof FacilityBody>;
export const FacilityPatch = FacilityBody.partial();

const OrgRef = z.object({ id: Id, name: z.string() });

export const FacilityView = z.object({
  id: Id,
  kind: FacilityKind,
  name: z.string(),
  parentId: Id.nullable(),
  organisation: OrgRef,
  category: z.string(),
  model: z.string().nullable(),
  manufacturer: z.string().nullable(),
  specifications: z.string(),
  description: z.string(),
  location: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  feeUnit: FeeUnit,
  feeFen: z.number().int(),
  openingHours: OpeningHours,
  status: FacilityStatus,
  reviewNote: z.string().nullable(),
  /** The edit awaiting review (owner and bureau only). */
  pendingChanges: z.record(z.string(), z.unknown()).nullable(),
  publishedAt: IsoDateTime.nullable(),
  updatedAt: IsoDateTime,
  /** update, submit, withdraw, approve, return, book, manage: what the caller may do. */
  actions: z.array(z.string()),
});
export type FacilityView = z.infer<typeof FacilityView>;

export const DirectoryItem = FacilityView.pick({ id: true, kind: true, name: true, organisation: true, category: true, model: true, location: true, feeUnit: true, feeFen: true }).extend({
  snippet: z.string().nullable(),
});

export const createFacility = endpoint({ method: 'POST', path: '/api/v1/facilities', summary: 'Register a lab, R&D centre or instrument (submitted for review)', tags: ['facilities'], body: FacilityBody, response: FacilityView });
export const listMyFacilities = endpoint({
  method: 'GET',
  path: '/api/v1/facilities/mine',
  summary: 'Facilities of the caller’s organisation (all, for the bureau; status=submitted is the review queue)',
  tags: ['facilities'],
  query: PageQuery.extend({ status: FacilityStatus.optional() }),
  response: pageOf(FacilityView),
});
export const getFacility = endpoint({ method: 'GET', path: '/api/v1/facilities/:id', summary: 'A facility (published ones are public)', tags: ['facilities'], params: IdParams, response: FacilityView });
export const updateFacility = endpoint({
  method: 'PATCH',
  path: '/api/v1/facilities/:id',
  summary: 'Change a facility; a published one keeps its approved version until the change is approved',
  tags: ['facilities'],
  params: IdParams,
  body: FacilityPatch,
  response: FacilityView,
});
export const withdrawFacility = endpoint({ method: 'POST', path: '/api/v1/facilities/:id/withdraw', summary: 'Withdraw from the directory', tags: ['facilities'], params: IdParams, body: z.object({}), response: FacilityView });
export const ReviewBody = z.object({ decision: z.enum(['approve', 'return']), note: z.string().trim().max(2000).optional() }).refine((b) => b.decision === 'approve' || (b.note ?? '').length > 0, {
  message: 'a note is required when returning',
  path: ['note'],
});
export const reviewFacility = endpoint({ method: 'POST', path: '/api/v1/facilities/:id/review', summary: 'The bureau approves or returns a new facility or a change', tags: ['facilities'], params: IdParams, body: ReviewBody, response: FacilityView });

export const directory = endpoint({
  method: 'GET',
  path: '/api/v1/public/facilities',
  summary: 'Public directory of shared facilities with Chinese full-text search',
  tags: ['facilities'],
  query: PageQuery.extend({ q: z.string().trim().max(200).optional(), kind: FacilityKind.optional() }),
  response: pageOf(DirectoryItem).extend({
    /** null without a query; fuzzy: a match on the name when no word matched. */
    mode: z.enum(['and', 'or', 'fuzzy']).nullable(),
    /** True when there are more matches than `total` (the count stops at 10,000: show "10,000+"). */
    totalCapped: z.boolean(),
  }),
});

// ───────── calendar ─────────

export const BlockBody = z
  .object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), reason: Text(500) })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'end after start', path: ['endsAt'] });
export const BlockView = z.object({ id: Id, startsAt: IsoDateTime, endsAt: IsoDateTime, reason: z.string() });
export const addBlock = endpoint({ method: 'POST', path: '/api/v1/facilities/:id/blocks', summary: 'Block a period (no bookings then)', tags: ['facilities'], params: IdParams, body: BlockBody, response: BlockView });
export const removeBlock = endpoint({
  method: 'DELETE',
  path: '/api/v1/facilities/:id/blocks/:blockId',
  summary: 'Remove a blocked period',
  tags: ['facilities'],
  params: z.object({ id: Id, blockId: Id }),
  response: z.object({ ok: z.literal(true) }),
});

export const CalendarQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
export const calendar = endpoint({
  method: 'GET',
  path: '/api/v1/public/facilities/:id/calendar',
  summary: 'Opening hours, blocked periods and busy (confirmed) slots of a published facility in a range (at most 62 days)',
  tags: ['facilities'],
  params: IdParams,
  query: CalendarQuery,
  response: z.object({ openingHours: OpeningHours, blocks: z.array(BlockView), busy: z.array(z.object({ startsAt: IsoDateTime, endsAt: IsoDateTime })) }),
});

// ───────── bookings ─────────

export const BookingBody = z
  .object({
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    purpose: Text(2000),
    samples: z.number().int().min(1).max(100_000).optional(),
  })
  .refine((b) => Date.parse(b.endsAt) > Date.parse(b.startsAt), { message: 'end after start', path: ['endsAt'] });

export const BookingView = z.object({
  id: Id,
  facility: z.object({ id: Id, name: z.string(), organisationId: Id }),
  requester: z.object({ id: Id, displayName: z.string(), organisation: OrgRef.nullable() }),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  purpose: z.string(),
  samples: z.number().int().nullable(),
  status: BookingStatus,
  estimatedFeeFen: z.number().int(),
  decisionNote: z.string().nullable(),
  decidedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  /** confirm, decline, cancel, record_usage */
  actions: z.array(z.string()),
});
export type BookingView = z.infer<typeof BookingView>;

export const requestBooking = endpoint({ method: 'POST', path: '/api/v1/facilities/:id/bookings', summary: 'Request a booking of a published facility', tags: ['facilities'], params: IdParams, body: BookingBody, response: BookingView });
export const listBookings = endpoint({
  method: 'GET',
  path: '/api/v1/facility-bookings',
  summary: 'Bookings: made by the caller (scope=mine) or of the caller’s organisation’s facilities (scope=owner)',
  tags: ['facilities'],
  query: PageQuery.extend({ scope: z.enum(['mine', 'owner']).default('mine'), status: BookingStatus.optional(), facilityId: Id.optional() }),
  response: pageOf(BookingView),
});
const bookingMove = (path: string, summary: string) =>
  endpoint({
    method: 'POST',
    path: `/api/v1/facility-bookings/:id/${path}`,
    summary,
    tags: ['facilities'],
    params: IdParams,
    body: z.object({ note: z.string().trim().max(2000).optional() }),
    response: BookingView,
  });
export const confirmBooking = bookingMove('confirm', 'The owner confirms (refused when it overlaps a confirmed booking or a blocked period)');
export const declineBooking = bookingMove('decline', 'The owner declines, with a note');
export const cancelBooking = bookingMove('cancel', 'The requester (or the owner) cancels before the slot starts');

// ───────── usage ─────────

export const UsageBody = z
  .object({
    bookingId: Id.optional(),
    userName: Text(200).optional(),
    startedAt: z.iso.datetime({ offset: true }),
    endedAt: z.iso.datetime({ offset: true }),
    samples: z.number().int().min(1).max(100_000).optional(),
    /** When omitted, computed from the fee rule. */
    feeFen: Fen.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((b) => Date.parse(b.endedAt) > Date.parse(b.startedAt), { message: 'end after start', path: ['endedAt'] })
  .refine((b) => b.bookingId || b.userName, { message: 'bookingId or userName', path: ['userName'] });
export const UsageView = z.object({
  id: Id,
  facilityId: Id,
  bookingId: Id.nullable(),
  userName: z.string(),
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  samples: z.number().int().nullable(),
  feeFen: z.number().int(),
  note: z.string().nullable(),
});
export const recordUsage = endpoint({ method: 'POST', path: '/api/v1/facilities/:id/usage', summary: 'Record a use of the facility and its fee', tags: ['facilities'], params: IdParams, body: UsageBody, response: UsageView });
export const listUsage = endpoint({
  method: 'GET',
  path: '/api/v1/facilities/:id/usage',
  summary: 'Usage records of a facility',
  tags: ['facilities'],
  params: IdParams,
  query: PageQuery,
  response: pageOf(UsageView).extend({ totalFeeFen: z.number().int() }),
});
export const utilisation = endpoint({
  method: 'GET',
  path: '/api/v1/facilities/:id/utilisation',
  summary: 'Monthly utilisation of a facility in a year: hours used, hours open, percentage, fees',
  tags: ['facilities'],
  params: IdParams,
  query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  response: z.object({
    year: z.number().int(),
    months: z.array(z.object({ month: z.number().int(), usedMinutes: z.number().int(), openMinutes: z.number().int(), percent: z.number(), feeFen: z.number().int(), uses: z.number().int() })),
  }),
});
export const usageExport = endpoint({
  method: 'GET',
  path: '/api/v1/facilities/:id/usage/export.xlsx',
  summary: 'Usage records and fees as XLSX',
  tags: ['facilities'],
  params: IdParams,
  query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  response: z.unknown(),
  download: true,
});
