import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MemberBody, ProjectBody, TenantBody } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { organisations } from '../organisations/schema.js';
import { loadEntryFor } from './load-entry.js';
import { allianceMembers, allianceProjects, spaceTenants } from './schema.js';

/** Maker spaces' tenants and alliances' members and joint projects: the owners' running records, audited. */

async function assertOrganisation(tx: Tx, id: string | null): Promise<void> {
  if (!id) return;
  const [o] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).limit(1);
  if (!o) throw AppError.field('organisationId', '未找到该单位', 'No such organisation');
}

export async function addTenant(tx: Tx, actor: Actor, id: string, input: z.output<typeof TenantBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'space', id, 'edit');
  await assertOrganisation(tx, input.organisationId);
  const [t] = await tx.insert(spaceTenants).values({ ...input, spaceId: row.id, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'space.tenant_add', entityType: 'space', entityId: row.id, changes: { tenantId: t!.id, name: input.name, enteredOn: input.enteredOn } });
}

export async function updateTenant(tx: Tx, actor: Actor, id: string, tenantId: string, input: z.output<typeof TenantBody>): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'space', id, 'edit');
  await assertOrganisation(tx, input.organisationId);
  const [before] = await tx.select().from(spaceTenants).where(and(eq(spaceTenants.id, tenantId), eq(spaceTenants.spaceId, row.id))).for('update');
  if (!before) throw new AppError('NOT_FOUND');
  await tx.update(spaceTenants).set(input).where(eq(spaceTenants.id, tenantId));
  const { id: _i, spaceId: _s, createdAt: _c, ...old } = before;
  await recordAudit(tx, actor, { action: 'space.tenant_update', entityType: 'space', entityId: row.id, changes: { tenantId, ...diff(old, input) } });
}

/** Removes a tenant entered in error (audited with what was removed); a tenant that left is updated instead. */
export async function removeTenant(tx: Tx, actor: Actor, id: string, tenantId: string): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'space', id, 'edit');
  const [gone] = await tx.delete(spaceTenants).where(and(eq(spaceTenants.id, tenantId), eq(spaceTenants.spaceId, row.id))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'space.tenant_remove', entityType: 'space', entityId: row.id, changes: { tenantId, name: gone.name, enteredOn: gone.enteredOn, outcome: gone.outcome } });
}

export async function addMember(tx: Tx, actor: Actor, id: string, input: z.output<typeof MemberBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'alliance', id, 'edit');
  await assertOrganisation(tx, input.organisationId);
  if (input.organisationId) {
    const [dup] = await tx
      .select({ id: allianceMembers.id })
      .from(allianceMembers)
      .where(and(eq(allianceMembers.allianceId, row.id), eq(allianceMembers.organisationId, input.organisationId)))
      .limit(1);
    if (dup) throw new AppError('CONFLICT', { message: { zh: '该单位已是联盟成员。', en: 'This organisation is already a member.' } });
  }
  const [m] = await tx.insert(allianceMembers).values({ ...input, allianceId: row.id, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'alliance.member_add', entityType: 'alliance', entityId: row.id, changes: { memberId: m!.id, name: input.name, role: input.role } });
}

export async function removeMember(tx: Tx, actor: Actor, id: string, memberId: string): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'alliance', id, 'edit');
  const [gone] = await tx.delete(allianceMembers).where(and(eq(allianceMembers.id, memberId), eq(allianceMembers.allianceId, row.id))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'alliance.member_remove', entityType: 'alliance', entityId: row.id, changes: { memberId, name: gone.name } });
}

export async function addProject(tx: Tx, actor: Actor, id: string, input: z.output<typeof ProjectBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'alliance', id, 'edit');
  const [p] = await tx.insert(allianceProjects).values({ ...input, allianceId: row.id, createdAt: now, updatedAt: now }).returning();
  await recordAudit(tx, actor, { action: 'alliance.project_add', entityType: 'alliance', entityId: row.id, changes: { projectId: p!.id, title: input.title, status: input.status } });
}

export async function updateProject(tx: Tx, actor: Actor, id: string, projectId: string, input: z.output<typeof ProjectBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'alliance', id, 'edit');
  const [before] = await tx.select().from(allianceProjects).where(and(eq(allianceProjects.id, projectId), eq(allianceProjects.allianceId, row.id))).for('update');
  if (!before) throw new AppError('NOT_FOUND');
  await tx.update(allianceProjects).set({ ...input, updatedAt: now }).where(eq(allianceProjects.id, projectId));
  const { id: _i, allianceId: _a, createdAt: _c, updatedAt: _u, ...old } = before;
  await recordAudit(tx, actor, { action: 'alliance.project_update', entityType: 'alliance', entityId: row.id, changes: { projectId, ...diff(old, input) } });
}

/** Removes a joint project entered in error (audited with what was removed). */
export async function removeProject(tx: Tx, actor: Actor, id: string, projectId: string): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'alliance', id, 'edit');
  const [gone] = await tx.delete(allianceProjects).where(and(eq(allianceProjects.id, projectId), eq(allianceProjects.allianceId, row.id))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'alliance.project_remove', entityType: 'alliance', entityId: row.id, changes: { projectId, title: gone.title, status: gone.status } });
}
