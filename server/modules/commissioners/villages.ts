import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { VillageBody, VillagePatch } from '../../../shared/contracts/commissioners.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findVillage, townshipList, type VillageRow } from './repository.js';
import { villages } from './schema.js';

const DUPLICATE = () => AppError.field('name', '该乡镇已有同名村', 'This township already has a village of that name');
const CODE_TAKEN = () => AppError.field('code', '统计代码已被其他村使用', 'Another village has this code');
const LIFTED = () => AppError.field('povertyLiftedYear', '脱贫年份须晚于或等于认定年份，且须先有认定年份', 'The year lifted needs a year flagged and cannot precede it');

/** Unique-violation on the village's name in its township or on its code → field errors. */
function uniqueError(e: unknown): AppError | null {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = err.code ?? err.cause?.code;
  const constraint = err.constraint ?? err.cause?.constraint ?? '';
  if (code !== '23505') return null;
  return constraint.includes('code') ? CODE_TAKEN() : DUPLICATE();
}

export async function assertTownship(tx: Tx, townshipId: string): Promise<void> {
  if (!(await townshipList(tx)).some((t) => t.id === townshipId)) throw AppError.field('townshipId', '须为组织树中的乡镇', 'Must be a township of the organisation tree');
}

/** Add a village to a township (the bureau). */
export async function createVillage(tx: Tx, actor: Actor, input: z.output<typeof VillageBody>, now: Date): Promise<VillageRow> {
  requireCan(actor, 'manage', 'village', {});
  await assertTownship(tx, input.townshipId);
  try {
    const [row] = await tx
      .insert(villages)
      .values({ townshipId: input.townshipId, name: input.name, code: input.code ?? null, households: input.households ?? null, povertyFlaggedYear: input.povertyFlaggedYear ?? null, povertyLiftedYear: input.povertyLiftedYear ?? null, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'village.create', entityType: 'village', entityId: row!.id, changes: { name: input.name, townshipId: input.townshipId, povertyFlaggedYear: input.povertyFlaggedYear ?? null } });
    return row!;
  } catch (e) {
    throw uniqueError(e) ?? e;
  }
}

/** Change a village's name, code, size or poverty status. */
export async function updateVillage(tx: Tx, actor: Actor, id: string, input: z.output<typeof VillagePatch>, now: Date): Promise<VillageRow> {
  requireCan(actor, 'manage', 'village', {});
  const v = await findVillage(tx, id);
  if (!v) throw new AppError('NOT_FOUND');
  const next = { ...v, ...Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined)) } as VillageRow;
  if (next.povertyLiftedYear !== null && (next.povertyFlaggedYear === null || next.povertyLiftedYear < next.povertyFlaggedYear)) throw LIFTED();
  const changes = Object.fromEntries(Object.entries(input).filter(([k, x]) => x !== undefined && x !== (v as Record<string, unknown>)[k]).map(([k, x]) => [k, { before: (v as Record<string, unknown>)[k], after: x }]));
  try {
    const [row] = await tx
      .update(villages)
      .set({ name: next.name, code: next.code, households: next.households, povertyFlaggedYear: next.povertyFlaggedYear, povertyLiftedYear: next.povertyLiftedYear, updatedAt: now })
      .where(eq(villages.id, id))
      .returning();
    await recordAudit(tx, actor, { action: 'village.update', entityType: 'village', entityId: id, changes });
    return row!;
  } catch (e) {
    throw uniqueError(e) ?? e;
  }
}
