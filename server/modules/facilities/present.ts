import type { BookingView, FacilityView } from '../../../shared/contracts/facilities.js';
import { type Actor, allowedActions, can } from '../../core/access.js';
import type { BookingWithRefs, FacilityRow } from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the caller may do with a facility now. */
export function facilityActions(actor: Actor, f: FacilityRow): string[] {
  const own = { organisationId: f.organisationId };
  const out: string[] = [];
  if (can(actor, 'update', 'facility', own) && f.status !== 'withdrawn') out.push('update');
  if (can(actor, 'update', 'facility', own) && (f.status === 'published' || f.status === 'submitted' || f.status === 'returned')) out.push('withdraw');
  if (can(actor, 'review', 'facility', own) && (f.status === 'submitted' || (f.status === 'published' && f.pendingChanges))) out.push('approve', 'return');
  if (can(actor, 'manage', 'facility', own)) out.push('manage');
  if (f.status === 'published' && can(actor, 'create', 'booking') && actor.organisationId !== f.organisationId) out.push('book');
  return out;
}

/** A facility; the pending change only for those who may see it. */
export function presentFacility(actor: Actor, f: FacilityRow, organisationName: string): FacilityView {
  const insider = can(actor, 'read', 'facility', { organisationId: f.organisationId });
  return {
    id: f.id,
    kind: f.kind as FacilityView['kind'],
    name: f.name,
    parentId: f.parentId,
    organisation: { id: f.organisationId, name: organisationName },
    category: f.category,
    model: f.model,
    manufacturer: f.manufacturer,
    specifications: f.specifications,
    description: f.description,
    location: f.location,
    contactName: f.contactName,
    contactPhone: f.contactPhone,
    feeUnit: f.feeUnit as FacilityView['feeUnit'],
    feeFen: f.feeFen,
    openingHours: f.openingHours,
    status: f.status as FacilityView['status'],
    reviewNote: insider ? f.reviewNote : null,
    pendingChanges: insider ? (f.pendingChanges ?? null) : null,
    publishedAt: iso(f.publishedAt),
    updatedAt: f.updatedAt.toISOString(),
    actions: facilityActions(actor, f),
  };
}

export function presentBooking(actor: Actor, b: BookingWithRefs, now: Date): BookingView {
  const owner = can(actor, 'manage', 'facility', { organisationId: b.facilityOrgId });
  const requester = actor.userId === b.requesterUserId;
  const actions: string[] = [];
  if (owner && b.status === 'requested') actions.push('confirm', 'decline');
  if ((owner || (requester && allowedActions(actor, 'booking', { ownerId: b.requesterUserId }, ['cancel']).length > 0)) && (b.status === 'requested' || b.status === 'confirmed') && b.startsAt > now) actions.push('cancel');
  // A use is recorded once its slot has started (the server's clock, not the browser's); until then the
  // console shows the button disabled with the reason (recordUsage refuses it as well).
  if (owner && b.status === 'confirmed' && b.startsAt <= now) actions.push('record_usage');
  return {
    id: b.id,
    facility: { id: b.facilityId, name: b.facilityName, organisationId: b.facilityOrgId },
    requester: { id: b.requesterUserId, displayName: b.requesterName, organisation: b.requesterOrgId ? { id: b.requesterOrgId, name: b.requesterOrgName ?? '' } : null },
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    purpose: b.purpose,
    samples: b.samples,
    status: b.status as BookingView['status'],
    estimatedFeeFen: b.estimatedFeeFen,
    decisionNote: b.decisionNote,
    decidedAt: iso(b.decidedAt),
    createdAt: b.createdAt.toISOString(),
    actions,
  };
}
