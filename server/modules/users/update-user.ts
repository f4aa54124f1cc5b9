import { eq } from 'drizzle-orm';
import type { Role } from '../../../shared/roles.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { loadUser, setRoles, type UserWithContext } from '../identity/repository.js';
import { users } from '../identity/schema.js';
import { deleteUserSessions } from '../identity/sessions.js';
import { findOrganisation } from '../organisations/repository.js';
import { accountConflicts } from './create-account.js';
import { lockSysAdmins, lockUser, otherActiveSysAdmins } from './repository.js';
import { roleProblems } from './role-rules.js';

export type UserPatch = {
  displayName?: string;
  email?: string | null;
  organisationId?: string | null;
  roles?: Exclude<Role, 'visitor'>[];
  status?: 'active' | 'disabled';
};

/**
 * The system administrator changes an account. Disabling it or changing its
 * roles ends its sessions, so the change takes effect at once. The platform
 * always keeps an active sys_admin.
 */
export async function updateUser(tx: Tx, actor: Actor, id: string, patch: UserPatch, now: Date): Promise<UserWithContext> {
  requireCan(actor, 'manage', 'user', {});
  if (patch.roles || patch.status) await lockSysAdmins(tx);
  await lockUser(tx, id);
  const before = await loadUser(tx, { id });
  if (!before) throw new AppError('NOT_FOUND');

  const roles = patch.roles ? [...new Set(patch.roles)].sort() : before.roles;
  const status = patch.status ?? before.status;
  const organisationId = patch.organisationId === undefined ? before.organisationId : patch.organisationId;
  const problems = roleProblems(actor, before, { roles, organisationId });
  if (status === 'disabled' && before.id === actor.userId) {
    problems.push({ path: 'status', zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
  }
  if (patch.organisationId && !(await findOrganisation(tx, patch.organisationId))) {
    problems.push({ path: 'organisationId', zh: '机构不存在', en: 'No such organisation' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const conflicts = await accountConflicts(tx, { email: patch.email, exceptUserId: id });
  if (conflicts.length > 0) throw new AppError('CONFLICT', { fields: conflicts });

  const wasActiveAdmin = before.status === 'active' && before.roles.includes('sys_admin');
  const staysActiveAdmin = status === 'active' && roles.includes('sys_admin');
  if (wasActiveAdmin && !staysActiveAdmin && (await otherActiveSysAdmins(tx, id)) === 0) {
    throw new AppError('INVALID_STATE', {
      message: { zh: '平台必须保留至少一个启用的系统管理员。', en: 'The platform must keep at least one active system administrator.' },
    });
  }

  await tx
    .update(users)
    .set({
      displayName: patch.displayName ?? before.displayName,
      email: patch.email === undefined ? before.email : patch.email,
      organisationId,
      status,
      updatedAt: now,
    })
    .where(eq(users.id, id));
  const rolesChanged = roles.join() !== [...before.roles].sort().join();
  if (rolesChanged) await setRoles(tx, id, roles);
  if (rolesChanged || (status === 'disabled' && before.status !== 'disabled')) await deleteUserSessions(tx, id);

  const after = (await loadUser(tx, { id }))!;
  const changes = diff(snapshot(before), snapshot(after));
  if (Object.keys(changes).length > 0) {
    await recordAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, changes });
  }
  return after;
}

function snapshot(u: UserWithContext): Record<string, unknown> {
  return {
    displayName: u.displayName,
    email: u.email,
    organisationId: u.organisationId,
    roles: [...u.roles].sort(),
    status: u.status,
  };
}
