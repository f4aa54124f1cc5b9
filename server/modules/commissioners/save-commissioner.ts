import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CommissionerBody, CommissionerPatch } from '../../../shared/contracts/commissioners.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadUser } from '../identity/repository.js';
import { type CommissionerRow, findCommissioner } from './repository.js';
import { commissioners } from './schema.js';

/** The linked account must exist, be active, hold the commissioner role, and not be linked to another commissioner. */
async function checkUser(tx: Tx, userId: string | null | undefined, selfId?: string): Promise<void> {
  if (!userId) return;
  const u = await loadUser(tx, { id: userId });
  if (!u || u.status !== 'active' || !u.roles.includes('commissioner')) {
    throw AppError.field('userId', '关联账号须为在用且具有“科技特派员”角色的账号', 'The account must be active and hold the commissioner role');
  }
  const [other] = await tx.select({ id: commissioners.id }).from(commissioners).where(eq(commissioners.userId, userId));
  if (other && other.id !== selfId) throw AppError.field('userId', '该账号已关联其他科技特派员', 'This account is linked to another commissioner');
}

/** Register a commissioner (the bureau). */
export async function createCommissioner(tx: Tx, actor: Actor, input: z.output<typeof CommissionerBody>, now: Date): Promise<CommissionerRow> {
  requireCan(actor, 'manage', 'commissioner', {});
  await checkUser(tx, input.userId);
  const [row] = await tx
    .insert(commissioners)
    .values({ ...input, homeOrgId: input.homeOrgId ?? null, phone: input.phone ?? null, userId: input.userId ?? null, createdAt: now, updatedAt: now })
    .returning();
  await recordAudit(tx, actor, { action: 'commissioner.create', entityType: 'commissioner', entityId: row!.id, changes: { name: input.name, kind: input.kind, userId: input.userId ?? null } });
  return row!;
}

/** Change a commissioner; a team keeps at least one member, a person none. */
export async function updateCommissioner(tx: Tx, actor: Actor, id: string, input: z.output<typeof CommissionerPatch>, now: Date): Promise<CommissionerRow> {
  requireCan(actor, 'manage', 'commissioner', {});
  const c = await findCommissioner(tx, id, { forUpdate: true });
  if (!c) throw new AppError('NOT_FOUND');
  if (input.userId !== undefined) await checkUser(tx, input.userId, id);
  const members = input.members ?? c.members;
  if (c.kind === 'team' && members.length === 0) throw AppError.field('members', '团队须至少有一名成员', 'A team needs members');
  if (c.kind === 'individual' && members.length > 0) throw AppError.field('members', '个人特派员没有团队成员', 'Only teams have members');
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const [row] = await tx.update(commissioners).set({ ...set, updatedAt: now }).where(eq(commissioners.id, id)).returning();
  await recordAudit(tx, actor, {
    action: 'commissioner.update',
    entityType: 'commissioner',
    entityId: id,
    changes: Object.fromEntries(Object.entries(set).map(([k, v]) => [k, { before: (c as Record<string, unknown>)[k] ?? null, after: v }])),
  });
  return row!;
}
