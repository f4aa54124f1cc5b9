import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AssignableBroker, CertificateBody, RecognitionBody, TrainingBody } from '../../../shared/contracts/registries.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { likePattern } from '../search/index.js';
import { districtDate } from './dates.js';
import { isUniqueViolation } from './validate.js';
import { loadEntryFor } from './load-entry.js';
import { brokerCertificates, brokerTrainings, talentRecognitions } from './schema.js';

/** A broker's certificates and training (the broker's own records) and recognitions (the bureau's). */

export async function addCertificate(tx: Tx, actor: Actor, id: string, input: z.output<typeof CertificateBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'broker', id, 'edit');
  const [c] = await tx.insert(brokerCertificates).values({ ...input, brokerId: row.id, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'broker.certificate_add', entityType: 'broker', entityId: row.id, changes: { certificateId: c!.id, name: input.name, number: input.number } });
}

export async function removeCertificate(tx: Tx, actor: Actor, id: string, subId: string): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'broker', id, 'edit');
  const [gone] = await tx.delete(brokerCertificates).where(and(eq(brokerCertificates.id, subId), eq(brokerCertificates.brokerId, row.id))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'broker.certificate_remove', entityType: 'broker', entityId: row.id, changes: { certificateId: subId, name: gone.name } });
}

export async function addTraining(tx: Tx, actor: Actor, id: string, input: z.output<typeof TrainingBody>, now: Date): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'broker', id, 'edit');
  if (input.takenOn > districtDate(now)) throw AppError.field('takenOn', '培训日期不能晚于今天', 'The training date cannot be in the future');
  const [t] = await tx.insert(brokerTrainings).values({ ...input, brokerId: row.id, createdAt: now }).returning();
  await recordAudit(tx, actor, { action: 'broker.training_add', entityType: 'broker', entityId: row.id, changes: { trainingId: t!.id, course: input.course, hours: input.hours } });
}

export async function removeTraining(tx: Tx, actor: Actor, id: string, subId: string): Promise<void> {
  const { row } = await loadEntryFor(tx, actor, 'broker', id, 'edit');
  const [gone] = await tx.delete(brokerTrainings).where(and(eq(brokerTrainings.id, subId), eq(brokerTrainings.brokerId, row.id))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'broker.training_remove', entityType: 'broker', entityId: row.id, changes: { trainingId: subId, course: gone.course } });
}

/**
 * The bureau records a broker's recognition as provincial or municipal
 * professional transfer talent (counted by the plan's talent indicators by
 * year). Once per level (CONFLICT for a second).
 */
export async function addRecognition(tx: Tx, actor: Actor, id: string, input: z.output<typeof RecognitionBody>, now: Date): Promise<void> {
  requireCan(actor, 'recognise', 'broker');
  const { row } = await loadEntryFor(tx, actor, 'broker', id, 'read');
  if (row.status !== 'published' && row.status !== 'withdrawn') {
    throw new AppError('INVALID_STATE', { message: { zh: '经纪人档案审核通过后才能记录人才认定。', en: 'Recognition is recorded for approved broker profiles only.' } });
  }
  try {
    await tx.insert(talentRecognitions).values({ ...input, brokerId: row.id, recordedBy: actor.userId, createdAt: now });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError('CONFLICT', { message: { zh: '该经纪人已有此级别的人才认定。', en: 'This broker is already recognised at this level.' } });
    }
    throw e;
  }
  await recordAudit(tx, actor, { action: 'broker.recognise', entityType: 'broker', entityId: row.id, changes: { ...input } });
}

export async function removeRecognition(tx: Tx, actor: Actor, id: string, subId: string): Promise<void> {
  requireCan(actor, 'recognise', 'broker');
  const { row } = await loadEntryFor(tx, actor, 'broker', id, 'read');
  const [gone] = await tx.delete(talentRecognitions).where(and(eq(talentRecognitions.id, subId), eq(talentRecognitions.brokerId, row.id))).returning();
  if (!gone) throw new AppError('NOT_FOUND');
  await recordAudit(tx, actor, { action: 'broker.recognition_remove', entityType: 'broker', entityId: row.id, changes: { level: gone.level, year: gone.year } });
}

/**
 * Active accounts holding the broker role, for the bureau's assign dialog:
 * name or expertise search, the profile when there is one, and the open cases
 * each holds now (least loaded first).
 */
export async function assignableBrokers(db: DbOrTx, actor: Actor, input: { q?: string | undefined; limit: number }): Promise<z.input<typeof AssignableBroker>[]> {
  requireCan(actor, 'assign', 'broker');
  const q = input.q?.trim();
  const pattern = q ? likePattern(q) : null;
  const r = await db.execute<{
    user_id: string;
    display_name: string;
    organisation_name: string | null;
    broker_id: string | null;
    grade: 'junior' | 'intermediate' | 'senior' | null;
    expertise: string[] | null;
    open_cases: number;
  }>(sql`
    SELECT u.id AS user_id, u.display_name, o.name AS organisation_name, b.id AS broker_id, b.grade, b.expertise,
      (SELECT count(*)::int FROM match_cases c WHERE c.broker_user_id = u.id AND c.status IN ('interest', 'contact', 'negotiation')) AS open_cases
    FROM users u
    JOIN user_roles ur ON ur.user_id = u.id AND ur.role = 'broker'
    LEFT JOIN organisations o ON o.id = u.organisation_id
    LEFT JOIN brokers b ON b.user_id = u.id
    WHERE u.status = 'active'
      ${pattern ? sql`AND (u.display_name ILIKE ${pattern} OR b.name ILIKE ${pattern} OR o.name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(b.expertise) e WHERE e ILIKE ${pattern}))` : sql``}
    ORDER BY open_cases, u.display_name
    LIMIT ${input.limit}`);
  return r.rows.map((x) => ({
    userId: x.user_id,
    displayName: x.display_name,
    organisationName: x.organisation_name,
    brokerId: x.broker_id,
    grade: x.grade,
    expertise: x.expertise ?? [],
    openCases: Number(x.open_cases),
  }));
}
