import { z } from 'zod';
import { Contact } from './catalog-content.js';
import { endpoint, Id, IdParams, IsoDateTime, PageQuery, pageOf } from './endpoint.js';

/**
 * Matchmaking cases (对接): two organisations moving from first interest to
 * an outcome over an achievement and/or a demand, with a broker (技术经纪人)
 * when one is assigned, and the bureau's funnel. Workflow:
 * docs/workflows/matchmaking.md.
 */

export const CASE_STATUSES = ['interest', 'contact', 'negotiation', 'agreement', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;
/** Statuses in which a case is still moving (a broker may claim it, reminders run). */
export const OPEN_CASE_STATUSES = ['interest', 'contact', 'negotiation'] as const satisfies readonly CaseStatus[];

/** Why a case closed without agreement (fixed taxonomy: the funnel counts these). */
export const CLOSE_REASONS = ['too_early', 'benefit_unclear', 'route_unclear', 'price', 'ip_unclear', 'no_response', 'other'] as const;
export const CloseReason = z.enum(CLOSE_REASONS);
export type CloseReason = z.infer<typeof CloseReason>;

/** Where the interest was expressed. */
export const CASE_ORIGINS = ['match', 'listing', 'search'] as const;
export const CaseOrigin = z.enum(CASE_ORIGINS);

export const CASE_SIDES = ['initiator', 'counterpart'] as const;
export const CaseSide = z.enum(CASE_SIDES);

const Text = (max: number) => z.string().trim().min(1).max(max);
const Note = z.string().trim().max(2000);

export const CreateCaseBody = z
  .object({
    achievementId: Id.optional(),
    demandId: Id.optional(),
    origin: CaseOrigin,
    /** The first message to the other side. */
    message: Text(4000),
  })
  .refine((b) => b.achievementId || b.demandId, { message: 'achievementId or demandId', path: ['achievementId'] });

/** Closing (or declining) needs a reason; "other" needs a note saying what. */
export const CloseCaseBody = z
  .object({ reason: CloseReason, note: Note.optional() })
  .refine((b) => b.reason !== 'other' || (b.note ?? '').length > 0, { message: 'a note is required for "other"', path: ['note'] });

export const AcceptCaseBody = z.object({ message: Text(4000).optional() });
export const NegotiateCaseBody = z.object({ note: Note.optional() });
export const AgreeCaseBody = z.object({ note: Text(2000) });

/** A message, a file (uploaded with purpose "attachment" by the poster's organisation), or both. */
export const PostMessageBody = z
  .object({ text: Text(4000).optional(), fileId: Id.optional() })
  .refine((b) => b.text || b.fileId, { message: 'text or fileId', path: ['text'] });

export const AssignBrokerBody = z.object({ brokerUserId: Id });

const Ref = z.object({ id: Id, name: z.string() });
const ListingRef = z.object({ id: Id, title: z.string() });
const UserRef = z.object({ id: Id, displayName: z.string() });

/** One side's contact details, shown only once the counterpart accepted. */
export const SideContacts = z.object({
  /** The contact of that side's listing in the case (from its published content), if it has one. */
  listing: Contact.nullable(),
  organisation: z.object({
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    address: z.string().nullable(),
  }),
});

export const CaseSideView = z.object({
  organisation: Ref,
  /** Null until the counterpart accepts (status contact or later). */
  contacts: SideContacts.nullable(),
});

export const CaseEventView = z.object({
  id: Id,
  /** message | file | status | broker | reminder | escalation */
  type: z.string(),
  body: z.string().nullable(),
  file: z.object({ id: Id, filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
  fromStatus: CaseStatus.nullable(),
  toStatus: CaseStatus.nullable(),
  actor: UserRef.nullable(),
  /** Which side wrote it; "system" for reminders and escalations, "bureau" for staff. */
  side: z.enum(['initiator', 'counterpart', 'broker', 'bureau', 'system']),
  createdAt: IsoDateTime,
});

export const CaseSummary = z.object({
  id: Id,
  status: CaseStatus,
  origin: CaseOrigin,
  achievement: ListingRef.nullable(),
  demand: ListingRef.nullable(),
  initiator: Ref,
  counterpart: Ref,
  broker: UserRef.nullable(),
  /** Whose move it is; null once the case has an outcome. */
  awaiting: CaseSide.nullable(),
  industrySection: z.string().nullable(),
  lastActivityAt: IsoDateTime,
  createdAt: IsoDateTime,
  /** accept, decline, negotiate, agree, close, message, assign_broker, claim: what the caller may do now. */
  actions: z.array(z.string()),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseView = CaseSummary.extend({
  initiator: CaseSideView,
  counterpart: CaseSideView,
  /** The caller's part in the case. */
  mySide: z.enum(['initiator', 'counterpart', 'broker', 'bureau']),
  brokerAssignedAt: IsoDateTime.nullable(),
  closedReason: CloseReason.nullable(),
  closedNote: z.string().nullable(),
  /** The technology contract registered from this case (trading issue); null until then. */
  contractId: Id.nullable(),
  remindedAt: IsoDateTime.nullable(),
  escalatedAt: IsoDateTime.nullable(),
  /** The timeline, oldest first. */
  events: z.array(CaseEventView),
});
export type CaseView = z.infer<typeof CaseView>;

export const WorkloadItem = CaseSummary.extend({
  /** The organisation whose move it is. */
  awaitingOrganisation: Ref.nullable(),
  /** The latest event of any kind (messages included). */
  lastEventAt: IsoDateTime,
  /** Calendar and working days (district dates) since the awaiting side last heard from the other. */
  daysSinceActivity: z.number().int(),
  workingDaysSinceActivity: z.number().int(),
});

const CaseParams = IdParams;

export const createCase = endpoint({
  method: 'POST',
  path: '/api/v1/matchmaking/cases',
  summary: 'Express interest in a listing: opens a case with its organisation',
  tags: ['matchmaking'],
  body: CreateCaseBody,
  response: CaseView,
});

export const listCases = endpoint({
  method: 'GET',
  path: '/api/v1/matchmaking/cases',
  summary: 'Cases the caller takes part in (all for the bureau); scope=unclaimed lists open cases without a broker',
  tags: ['matchmaking'],
  query: PageQuery.extend({ status: CaseStatus.optional(), scope: z.enum(['mine', 'unclaimed']).default('mine') }),
  response: pageOf(CaseSummary),
});

export const getCase = endpoint({ method: 'GET', path: '/api/v1/matchmaking/cases/:id', summary: 'A case with its timeline', tags: ['matchmaking'], params: CaseParams, response: CaseView });

const move = <B extends z.ZodType>(path: string, summary: string, body: B) =>
  endpoint({ method: 'POST', path: `/api/v1/matchmaking/cases/:id/${path}`, summary, tags: ['matchmaking'], params: CaseParams, body, response: CaseView });

export const acceptCase = move('accept', 'The counterpart accepts: contacts are exchanged (interest → contact)', AcceptCaseBody);
export const declineCase = move('decline', 'The counterpart declines (interest → closed), with a reason', CloseCaseBody);
export const negotiateCase = move('negotiation', 'Start negotiating (contact → negotiation)', NegotiateCaseBody);
export const agreeCase = move('agreement', 'Record an agreement (negotiation → agreement), with a note', AgreeCaseBody);
export const closeCase = move('close', 'Close without agreement, with a reason', CloseCaseBody);
export const postMessage = move('messages', 'Post a message or a file to the case', PostMessageBody);
export const assignBroker = move('broker', 'Assign a broker (the bureau)', AssignBrokerBody);
export const claimCase = move('claim', 'A broker claims an open case without a broker', z.object({}));

export const downloadCaseFile = endpoint({
  method: 'GET',
  path: '/api/v1/matchmaking/cases/:id/files/:fileId',
  summary: 'Download a file posted to the case',
  tags: ['matchmaking'],
  params: z.object({ id: Id, fileId: Id }),
  response: z.unknown(),
  download: true,
});

export const brokerWorkload = endpoint({
  method: 'GET',
  path: '/api/v1/matchmaking/broker/cases',
  summary: 'The calling broker’s cases, stalest first',
  tags: ['matchmaking'],
  query: z.object({ status: CaseStatus.optional() }),
  response: z.object({ items: z.array(WorkloadItem) }),
});

export const FUNNEL_GROUPS = ['industry', 'month', 'broker'] as const;

export const FunnelQuery = z
  .object({
    /** District dates, inclusive; default: the last twelve months. */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    groupBy: z.enum(FUNNEL_GROUPS).default('month'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from after to', path: ['to'] });

export const FunnelCounts = z.object({
  /** Lists of suggestions shown (null when grouping by broker: suggestions have none). */
  shown: z.number().int().nullable(),
  /** Cases opened in the period, and how far they got. */
  interest: z.number().int(),
  contact: z.number().int(),
  negotiation: z.number().int(),
  agreement: z.number().int(),
  /** Closed without agreement. */
  closed: z.number().int(),
});

export const FunnelView = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(FUNNEL_GROUPS),
  groups: z.array(FunnelCounts.extend({ key: z.string().nullable(), label: z.string() })),
  total: FunnelCounts,
});
export type FunnelView = z.infer<typeof FunnelView>;

export const funnel = endpoint({
  method: 'GET',
  path: '/api/v1/matchmaking/funnel',
  summary: 'Suggestions shown → interest → contact → negotiation → agreement, grouped',
  tags: ['matchmaking'],
  query: FunnelQuery,
  response: FunnelView,
});

export const funnelExport = endpoint({
  method: 'GET',
  path: '/api/v1/matchmaking/funnel/export',
  summary: 'The funnel as an XLSX workbook (Chinese headers)',
  tags: ['matchmaking'],
  query: FunnelQuery,
  response: z.unknown(),
  download: true,
});
