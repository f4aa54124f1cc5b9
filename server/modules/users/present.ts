import type { z } from 'zod';
import type { UserView } from '../../../shared/contracts/users.js';
import type { OrgType } from '../../../shared/roles.js';
import { type Actor, can } from '../../core/access.js';
import type { UserWithContext } from '../identity/repository.js';

export const USER_ACTIONS = ['update', 'reset_password', 'unlock', 'disable'] as const;

/** An account as the administration list shows it; never the hash, the TOTP secret or the counters. */
export function presentUser(actor: Actor, user: UserWithContext, now: Date): z.input<typeof UserView> {
  const manage = can(actor, 'manage', 'user');
  const locked = !!user.lockedUntil && user.lockedUntil > now;
  const actions = manage
    ? USER_ACTIONS.filter((a) => {
        if (a === 'unlock') return locked || user.failedLoginCount > 0;
        if (a === 'disable') return user.status === 'active' && user.id !== actor.userId;
        return true;
      })
    : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    roles: user.roles,
    status: user.status === 'disabled' ? 'disabled' : 'active',
    organisation: user.organisation
      ? { id: user.organisation.id, name: user.organisation.name, type: user.organisation.type as OrgType, verificationStatus: user.organisation.verificationStatus }
      : null,
    lockedUntil: locked ? user.lockedUntil!.toISOString() : null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    totpEnabled: user.totpEnabled,
    createdAt: user.createdAt.toISOString(),
    actions,
  };
}
