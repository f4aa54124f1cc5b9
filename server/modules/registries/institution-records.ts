import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AssessmentBody, PerformanceBody, ServiceBody, StaffBody } from '../../../shared/contracts/registries.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { districtYear } from './dates.js';
import { loadEntryFor } from './load-entry.js';
import { brokers, institutionAssessments, institutionPerformance, institutionServices, institutionStaff } from './schema.js';

/**
 * An institution's running records: services with list prices, staff, yearly
 * performance (the owner's, audited, not reviewed: prices change and a voucher
 * quotes the price at the time it is used), and the bureau's assessments.
 */

export async function addService(tx: Tx, actor: Actor, id: string, input: z.output<typeof ServiceBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'institution', id, 'edit');
  const [s] = await tx.insert(institutionServices).values({ ...input, institutionId: row.id, createdAt: now, updatedAt: now }).returning();
  await recordAudit(tx, actor, { action: 'institution.service_add', entityType: 'institution', entityId: row.id, changes: { serviceId: s!.id, ...input } });
}

export async function updateService(tx: Tx, actor: Actor, id: string, serviceId: string, input: z.output<typeof ServiceBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'institution', id, 'edit');
  const [before] = await tx
    .select()
    .from(institutionServices)
    .where(and(eq(institutionServices.id, serviceId), eq(institutionServices.institutionId, row.id)))
    .for('update');
  if (!before) throw new AppError('NOT_FOUND');
  await tx.update(institutionServices).set({ ...input, updatedAt: now }).where(eq(institutionServices.id, serviceId));
  const { id: _i, institutionId: _n, createdAt: _c, updatedAt: _u, ...old } = before;
  await recordAudit(tx, actor, { action: 'institution.service_update', entityType: 'institution', entityId: row.id, changes: { serviceId, ...diff(old, input) } });
}

export async function addStaff(tx: Tx, actor: Actor, id: string, input: z.output<typeof StaffBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'institution', id, 'edit');
  if (input.brokerId) {
    const [b] = await tx.select({ id: brokers.id }).from(brokers).where(eq(brokers.id, input.brokerId)).limit(1);
    if (!b) throw AppError.field('brokerId', '未找到该技术经纪人档案', 'No such broker profile');
  }
  const [s] = await tx.insert(institutionStaff).values({ ...input, institutionId: row.id, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'institution.staff_add', entityType: 'institution', entityId: row.id, changes: { staffId: s!.id, name: input.name, brokerId: input.brokerId } });
}

export async function removeStaff(tx: Tx, actor: Actor, id: string, staffId: string): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'institution', id, 'edit');
  const [gone] = await tx
    .delete(institutionStaff)
    .where(and(eq(institutionStaff.id, staffId), eq(institutionStaff.institutionId, row.id)))
    .returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'institution.staff_remove', entityType: 'institution', entityId: row.id, changes: { staffId, name: gone.name } });
}

/** The yearly performance (manual for now; the trading module will fill `source = trading` rows). Not for future years. */
export async function setPerformance(tx: Tx, actor: Actor, id: string, year: number, input: z.output<typeof PerformanceBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'institution', id, 'edit');
  if (year > districtYear(now)) {
    throw AppError.field('year', '不能填报未来年度的业绩', 'Performance cannot be recorded for a future year');
  }
  const [before] = await tx
    .select()
    .from(institutionPerformance)
    .where(and(eq(institutionPerformance.institutionId, row.id), eq(institutionPerformance.year, year)));
  if (before?.source === 'trading') {
    throw new AppError('INVALID_STATE', { message: { zh: '该年度业绩来自技术交易记录，不能手工修改。', en: 'This year comes from the trading records and cannot be edited by hand.' } });
  }
  const values = { ...input, institutionId: row.id, year, source: 'manual', recordedBy: actor.userId, updatedAt: now };
  await tx
    .insert(institutionPerformance)
    .values(values)
    .onConflictDoUpdate({ target: [institutionPerformance.institutionId, institutionPerformance.year], set: values });
  await recordAudit(tx, actor, {
    action: 'institution.performance',
    entityType: 'institution',
    entityId: row.id,
    changes: { year, ...diff(before ? { dealsCount: before.dealsCount, contractAmountFen: before.contractAmountFen, servedClients: before.servedClients } : null, input) },
  });
}

/** The bureau scores an institution for a year (each criterion 0–100); one assessment per year, replaced when scored again. */
export async function setAssessment(tx: Tx, actor: Actor, id: string, year: number, input: z.output<typeof AssessmentBody>, now: Date): Promise<void> {
  requireCan(actor, 'score', 'institution');
  const { row } = await loadEntryFor(tx, actor, 'institution', id, 'read', { forUpdate: true });
  if (row.status !== 'published') throw new AppError('INVALID_STATE', { message: { zh: '只能评价已公开的机构。', en: 'Only published institutions are assessed.' } });
  const values = { institutionId: row.id, year, scores: input.scores, note: input.note, assessedBy: actor.userId, assessedAt: now };
  await tx
    .insert(institutionAssessments)
    .values(values)
    .onConflictDoUpdate({ target: [institutionAssessments.institutionId, institutionAssessments.year], set: values });
  await recordAudit(tx, actor, { action: 'institution.assess', entityType: 'institution', entityId: row.id, changes: { year, scores: input.scores } });
}
