import type { Me, SessionView } from '../../../shared/contracts/identity.js';
import { type OrgType, STAFF_ROLES } from '../../../shared/roles.js';
import { type Actor, permissionsOf } from '../../core/access.js';
import type { UserWithContext } from './repository.js';
import type { SessionRow } from './sessions.js';

export function presentMe(user: UserWithContext): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    locale: user.locale === 'en' ? 'en' : 'zh-CN',
    roles: user.roles,
    organisation: user.organisation
      ? {
          id: user.organisation.id,
          name: user.organisation.name,
          type: user.organisation.type as OrgType,
          verificationStatus: user.organisation.verificationStatus,
        }
      : null,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    canEnrolTotp: user.roles.some((r) => STAFF_ROLES.includes(r)),
  };
}

export function presentSession(actor: Actor, user: UserWithContext | null, session: SessionRow | null): SessionView {
  if (!user || !session) {
    return { user: null, csrfToken: null, permissions: permissionsOf(actor), idleTimeoutSeconds: null, mfaPending: false };
  }
  return {
    user: session.mfaPending ? null : presentMe(user),
    csrfToken: session.csrfToken,
    permissions: session.mfaPending ? [] : permissionsOf(actor),
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    mfaPending: session.mfaPending,
  };
}
