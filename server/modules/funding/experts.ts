import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { ExpertBody, ExpertPatch } from '../../../shared/contracts/funding.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findOrganisation } from '../organisations/repository.js';
import { userRolesOf } from './expert-role.js';
import type { ExpertRow } from './repository.js';
import { experts } from './schema.js';

async function checkUnitOrg(tx: Tx, id: string | null | undefined) {
  if (id && !(await findOrganisation(tx, id))) throw AppError.field('unitOrgId', '单位不存在', 'No such organisation');
}

/** Register an expert: an account that holds the `expert` role (given by the system administrator), once. */
export async function addExpert(tx: Tx, actor: Actor, input: z.output<typeof ExpertBody>, now: Date): Promise<ExpertRow> {
  requireCan(actor, 'manage', 'funding_expert');
  if (!(await userRolesOf(tx, input.userId)).includes('expert')) throw AppError.field('userId', '该账号没有“评审专家”角色', 'This account does not have the expert role');
  await checkUnitOrg(tx, input.unitOrgId);
  const [e] = await tx.insert(experts).values({ userId: input.userId, name: input.name, field: input.field, title: input.title, unit: input.unit, unitOrgId: input.unitOrgId ?? null, createdAt: now }).onConflictDoNothing().returning();
  if (!e) throw new AppError('CONFLICT', { message: { zh: '该账号已在专家库中。', en: 'This account is already in the registry.' } });
  await recordAudit(tx, actor, { action: 'funding_expert.add', entityType: 'funding_expert', entityId: e.id, changes: { name: input.name, unit: input.unit } });
  return e;
}

/** Edit an expert's field, title, unit or name, or deactivate them (inactive experts are never assigned; past reviews stay). */
export async function updateExpert(tx: Tx, actor: Actor, id: string, input: z.output<typeof ExpertPatch>, _now: Date): Promise<ExpertRow> {
  requireCan(actor, 'manage', 'funding_expert');
  const [before] = await tx.select().from(experts).where(eq(experts.id, id)).for('update');
  if (!before) throw new AppError('NOT_FOUND');
  await checkUnitOrg(tx, input.unitOrgId);
  const set: Partial<typeof experts.$inferInsert> = {};
  for (const k of ['name', 'field', 'title', 'unit'] as const) if (input[k] !== undefined) set[k] = input[k];
  if (input.unitOrgId !== undefined) set.unitOrgId = input.unitOrgId;
  if (input.active !== undefined) set.active = input.active ? 1 : 0;
  if (Object.keys(set).length === 0) return before;
  const [row] = await tx.update(experts).set(set).where(eq(experts.id, id)).returning();
  const changes = Object.fromEntries(Object.entries(set).map(([k, v]) => [k, { before: before[k as keyof ExpertRow], after: v }]));
  await recordAudit(tx, actor, { action: 'funding_expert.update', entityType: 'funding_expert', entityId: id, changes });
  return row!;
}
