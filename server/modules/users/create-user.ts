import type { Role } from '../../../shared/roles.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { generateOneTimePassword } from '../identity/passwords.js';
import { loadUser, type UserWithContext } from '../identity/repository.js';
import { findOrganisation } from '../organisations/repository.js';
import { createAccount } from './create-account.js';
import { roleProblems } from './role-rules.js';

export type CreateUserInput = {
  username: string;
  displayName: string;
  email?: string;
  organisationId?: string;
  roles: Exclude<Role, 'visitor'>[];
};

/**
 * The system administrator creates an account. The password is a one-time
 * password, returned once to be handed over; it must be changed at first sign-in.
 */
export async function createUser(tx: Tx, actor: Actor, input: CreateUserInput, now: Date): Promise<{ user: UserWithContext; oneTimePassword: string }> {
  requireCan(actor, 'manage', 'user', {});
  const roles = [...new Set(input.roles)].sort();
  const problems = roleProblems(actor, { id: null, roles: [] }, { roles, organisationId: input.organisationId ?? null });
  if (input.organisationId && !(await findOrganisation(tx, input.organisationId))) {
    problems.push({ path: 'organisationId', zh: '机构不存在', en: 'No such organisation' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const oneTimePassword = generateOneTimePassword();
  const created = await createAccount(tx, {
    username: input.username,
    displayName: input.displayName,
    email: input.email ?? null,
    password: oneTimePassword,
    checkPolicy: false,
    mustChangePassword: true,
    organisationId: input.organisationId ?? null,
    roles,
    now,
  });
  await recordAudit(tx, actor, {
    action: 'user.create',
    entityType: 'user',
    entityId: created.id,
    changes: diff(null, { username: created.username, displayName: created.displayName, email: created.email, organisationId: created.organisationId, roles }),
  });
  return { user: (await loadUser(tx, { id: created.id }))!, oneTimePassword };
}
