import { asc, desc, eq, sql } from 'drizzle-orm';
import type { EntryView, RegistryKind } from '../../../shared/contracts/registries.js';
import { type Actor, can } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { publishedFacilitiesOf } from '../facilities/lookups.js';
import { daysUntil } from './dates.js';
import { contentOf, type EntryRow, KINDS } from './kinds.js';
import { findEntry, organisationName, revisionsOf, type RevisionRow } from './repository.js';
import {
  allianceMembers,
  allianceProjects,
  brokerCertificates,
  brokers,
  brokerTrainings,
  institutionPerformance,
  institutionServices,
  institutionStaff,
  spaceTenants,
  talentRecognitions,
} from './schema.js';

/** Days before a certificate's expiry when the owner and the bureau are warned. */
export const EXPIRY_WARNING_DAYS = 90;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

function presentRevision(r: RevisionRow) {
  return {
    id: r.id,
    number: r.number,
    status: r.status as 'draft' | 'submitted' | 'returned' | 'approved' | 'superseded',
    content: r.content as Record<string, unknown>,
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt),
    reviewNote: r.reviewNote,
    createdAt: iso(r.createdAt)!,
  };
}

/** expired | expiring (within EXPIRY_WARNING_DAYS) | valid | null without a date. */
export function certificateState(validUntil: string | null, now: Date): { state: 'expired' | 'expiring' | 'valid' | null; daysLeft: number | null } {
  if (!validUntil) return { state: null, daysLeft: null };
  const daysLeft = daysUntil(now, validUntil);
  return { state: daysLeft < 0 ? 'expired' : daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid', daysLeft };
}

async function details(db: DbOrTx, kind: RegistryKind, row: EntryRow, inside: boolean, now: Date): Promise<Record<string, unknown>> {
  if (kind === 'institution') {
    const services = await db.select().from(institutionServices).where(eq(institutionServices.institutionId, row.id)).orderBy(asc(institutionServices.createdAt));
    // A linked broker's name and grade are shown from their published (reviewed) profile only.
    const staff = await db
      .select({ s: institutionStaff, brokerName: brokers.name, brokerGrade: brokers.grade, brokerStatus: brokers.status })
      .from(institutionStaff)
      .leftJoin(brokers, eq(brokers.id, institutionStaff.brokerId))
      .where(eq(institutionStaff.institutionId, row.id))
      .orderBy(asc(institutionStaff.createdAt));
    const performance = await db.select().from(institutionPerformance).where(eq(institutionPerformance.institutionId, row.id)).orderBy(desc(institutionPerformance.year));
    return {
      services: services
        .filter((s) => inside || s.active)
        .map((s) => ({ id: s.id, category: s.category, name: s.name, description: s.description, priceFen: s.priceFen === null ? null : Number(s.priceFen), unit: s.unit, active: s.active })),
      staff: staff.map(({ s, brokerName, brokerGrade, brokerStatus }) => ({
        id: s.id,
        name: s.name,
        position: s.position,
        brokerId: s.brokerId,
        brokerName: brokerStatus === 'published' ? brokerName : null,
        brokerGrade: brokerStatus === 'published' ? brokerGrade : null,
        joinedOn: s.joinedOn,
        leftOn: s.leftOn,
        ...(inside ? { phone: s.phone } : {}),
      })),
      performance: performance.map((p) => ({ year: p.year, dealsCount: p.dealsCount, contractAmountFen: Number(p.contractAmountFen), servedClients: p.servedClients, source: p.source, note: inside ? p.note : null })),
      certificate: certificateState((row.validUntil as string | null) ?? null, now),
    };
  }
  if (kind === 'broker') {
    const certificates = await db.select().from(brokerCertificates).where(eq(brokerCertificates.brokerId, row.id)).orderBy(desc(brokerCertificates.issuedOn));
    const trainings = await db.select().from(brokerTrainings).where(eq(brokerTrainings.brokerId, row.id)).orderBy(desc(brokerTrainings.takenOn));
    const recognitions = await db.select().from(talentRecognitions).where(eq(talentRecognitions.brokerId, row.id)).orderBy(asc(talentRecognitions.year));
    const cases = await db.execute<{ id: string; status: string; closed_reason: string | null; title: string | null; created_at: Date; updated_at: Date }>(sql`
      SELECT c.id, c.status, c.closed_reason, coalesce(d.title, a.title) AS title, c.created_at, c.updated_at
      FROM match_cases c LEFT JOIN demands d ON d.id = c.demand_id LEFT JOIN achievements a ON a.id = c.achievement_id
      WHERE c.broker_user_id = ${row.userId as string} ORDER BY c.created_at DESC LIMIT 200`);
    const outcomes: Record<string, number> = {};
    for (const c of cases.rows) outcomes[c.status] = (outcomes[c.status] ?? 0) + 1;
    return {
      certificates: certificates.map((c) => ({ id: c.id, name: c.name, number: inside ? c.number : null, issuer: c.issuer, issuedOn: c.issuedOn, validUntil: c.validUntil })),
      trainings: trainings.map((t) => ({ id: t.id, course: t.course, hours: t.hours, takenOn: t.takenOn, issuer: t.issuer })),
      trainingHours: trainings.reduce((a, t) => a + t.hours, 0),
      recognitions: recognitions.map((r) => ({ id: r.id, level: r.level, year: r.year, documentNo: r.documentNo })),
      caseOutcomes: outcomes,
      cases: inside
        ? cases.rows.map((c) => ({ id: c.id, status: c.status, closedReason: c.closed_reason, title: c.title, createdAt: iso(c.created_at), updatedAt: iso(c.updated_at) }))
        : [],
    };
  }
  if (kind === 'space') {
    const tenants = await db.select().from(spaceTenants).where(eq(spaceTenants.spaceId, row.id)).orderBy(desc(spaceTenants.enteredOn));
    return {
      tenants: tenants.map((t) => ({ id: t.id, kind: t.kind, name: t.name, organisationId: t.organisationId, field: t.field, enteredOn: t.enteredOn, graduatedOn: t.graduatedOn, outcome: t.outcome, note: inside ? t.note : null })),
      incubating: tenants.filter((t) => t.outcome === 'incubating').length,
      graduated: tenants.filter((t) => t.outcome === 'graduated').length,
    };
  }
  if (kind === 'alliance') {
    const members = await db.select().from(allianceMembers).where(eq(allianceMembers.allianceId, row.id)).orderBy(asc(allianceMembers.createdAt));
    const projects = await db.select().from(allianceProjects).where(eq(allianceProjects.allianceId, row.id)).orderBy(desc(allianceProjects.createdAt));
    return {
      members: members.map((m) => ({ id: m.id, organisationId: m.organisationId, name: m.name, role: m.role, joinedOn: m.joinedOn, leftOn: m.leftOn })),
      projects: projects.map((p) => ({
        id: p.id,
        title: p.title,
        status: p.status,
        startedOn: p.startedOn,
        endedOn: p.endedOn,
        budgetFen: p.budgetFen === null ? null : Number(p.budgetFen),
        participants: p.participants,
        summary: p.summary,
      })),
    };
  }
  if (kind === 'platform') {
    // An open platform links to its host's published shared facilities (the facilities directory).
    return { facilities: row.openToOthers === true && row.organisationId ? await publishedFacilitiesOf(db, row.organisationId) : [] };
  }
  return { evidenceFileIds: inside ? (row.evidenceFileIds ?? []) : [] };
}

/**
 * An entry as its caller may see it: the public sees published entries only
 * (their approved content); the owner and the bureau also see drafts, the
 * pending change, the revision history and the owner-only fields.
 */
export async function presentEntry(db: DbOrTx, actor: Actor, kind: RegistryKind, id: string, now: Date): Promise<EntryView> {
  const def = KINDS[kind];
  const row = await findEntry(db, kind, id);
  if (!row) throw new AppError('NOT_FOUND');
  const own = def.ownership(row);
  const inside = can(actor, 'read', def.entity, own);
  if (!inside && row.status !== 'published') throw new AppError('NOT_FOUND');
  const history = inside ? await revisionsOf(db, kind, row.id) : [];
  const pending = inside && row.pendingRevisionId ? (history.find((h) => h.id === row.pendingRevisionId) ?? null) : null;
  const actions: string[] = [];
  const mayEdit = can(actor, 'edit', def.entity, own);
  const mayReview = can(actor, 'review', def.entity, own);
  if (mayEdit && pending?.status !== 'submitted') actions.push('edit');
  if (mayEdit && pending && (pending.status === 'draft' || pending.status === 'returned')) actions.push('submit');
  if ((mayEdit || mayReview) && row.status === 'published') actions.push('withdraw');
  if (mayReview && pending?.status === 'submitted' && pending.submittedBy !== actor.userId) actions.push('approve', 'return');
  const orgName = await organisationName(db, row.organisationId);
  return {
    id: row.id,
    kind,
    status: row.status as EntryView['status'],
    organisation: row.organisationId ? { id: row.organisationId, name: orgName ?? '' } : null,
    content: contentOf(def, row),
    publishedAt: iso(row.publishedAt),
    updatedAt: iso(row.updatedAt)!,
    pending: pending ? presentRevision(pending) : null,
    history: history.map(presentRevision),
    details: await details(db, kind, row, inside, now),
    actions,
  };
}
