import type { FacilityBody } from '../../../shared/contracts/facilities.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import { weightedTsvector } from '../search/index.js';
import { type FacilityRow, findFacility, orgName } from './repository.js';
import { facilities } from './schema.js';

type Fields = Partial<FacilityBody>;

/** The search vector of a facility's directory text (name A; category, model, maker B; text C; place, owner D). */
export function facilitySearchVector(f: Pick<FacilityRow, 'name' | 'category' | 'model' | 'manufacturer' | 'specifications' | 'description' | 'location'>, owner: string) {
  return weightedTsvector({ A: f.name, B: [f.category, f.model, f.manufacturer], C: [f.specifications, f.description], D: [f.location, owner] });
}

/** A parent must be a lab or R&D centre of the same organisation. */
async function checkParent(tx: Tx, organisationId: string, parentId: string | null | undefined, selfId?: string): Promise<void> {
  if (!parentId) return;
  const p = await findFacility(tx, parentId);
  if (!p || p.organisationId !== organisationId || p.kind === 'instrument' || p.id === selfId) {
    throw AppError.field('parentId', '所属实验室须为本单位登记的实验室或研发中心', 'The parent must be a lab or R&D centre of your organisation');
  }
}

/** Register a facility for the caller's organisation; it goes straight to the bureau's review queue. */
export async function createFacility(tx: Tx, actor: Actor, input: FacilityBody, now: Date): Promise<FacilityRow> {
  requireCan(actor, 'create', 'facility', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  if (!actor.orgVerified) throw new AppError('ORG_NOT_VERIFIED');
  await checkParent(tx, actor.organisationId, input.parentId);
  const owner = await orgName(tx, actor.organisationId);
  const values = { ...input, parentId: input.parentId ?? null, model: input.model ?? null, manufacturer: input.manufacturer ?? null };
  const [row] = await tx
    .insert(facilities)
    .values({
      ...values,
      organisationId: actor.organisationId,
      status: 'submitted',
      searchVector: facilitySearchVector(values, owner),
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, actor, { action: 'facility.create', entityType: 'facility', entityId: row!.id, changes: { status: { before: null, after: 'submitted' }, name: input.name, kind: input.kind } });
  return row!;
}

/**
 * Change a facility. Before publication the change is written and the entry
 * (re)submitted; a published facility keeps its approved version in the
 * directory and the change waits in `pendingChanges` for the bureau.
 */
export async function updateFacility(tx: Tx, actor: Actor, id: string, input: Fields, now: Date): Promise<FacilityRow> {
  const f = await findFacility(tx, id, { forUpdate: true });
  if (!f) throw new AppError('NOT_FOUND');
  requireCan(actor, 'update', 'facility', { organisationId: f.organisationId });
  if (f.status === 'withdrawn') throw new AppError('INVALID_STATE');
  if ('parentId' in input) await checkParent(tx, f.organisationId, input.parentId, f.id);
  const changed = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify((f as Record<string, unknown>)[k])));
  if (Object.keys(changed).length === 0) return f;
  let row: FacilityRow;
  if (f.status === 'published') {
    const pending = { ...(f.pendingChanges ?? {}), ...changed };
    [row] = (await tx.update(facilities).set({ pendingChanges: pending, updatedAt: now }).where(eq(facilities.id, id)).returning()) as [FacilityRow];
  } else {
    const next = { ...f, ...changed } as FacilityRow;
    [row] = (await tx
      .update(facilities)
      .set({ ...changed, status: 'submitted', searchVector: facilitySearchVector(next, await orgName(tx, f.organisationId)), updatedAt: now })
      .where(eq(facilities.id, id))
      .returning()) as [FacilityRow];
  }
  await recordAudit(tx, actor, {
    action: 'facility.update',
    entityType: 'facility',
    entityId: id,
    changes: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, { before: (f as Record<string, unknown>)[k] ?? null, after: v }])),
  });
  return row;
}
