import { STAFF_ROLES } from '../../../shared/roles.js';
import { definePolicy } from '../../core/access.js';

/**
 * Accounts. The system administrator manages accounts; everyone manages their
 * own profile, password and API tokens. (The audit log is the audit domain's.)
 */
const SELF = ['read:user:own', 'update:user:own'] as const;

definePolicy('user', {
  enterprise_member: SELF,
  researcher: SELF,
  service_member: SELF,
  broker: SELF,
  commissioner: SELF,
  dept_reporter: SELF,
  expert: SELF,
  org_admin: [...SELF, 'read:user:org'],
  reviewer: SELF,
  bureau_admin: [...SELF, 'read:user:any'],
  sys_admin: [...SELF, 'read:user:any', 'manage:user:any'],
  auditor: [...SELF, 'read:user:any'],
});

/**
 * Two-factor sign-in (TOTP) is for bureau staff, whose accounts can verify
 * organisations and read the audit trail. Giving the code at sign-in
 * (auth/totp/verify) is open to any signed-in user whose session awaits it.
 */
definePolicy('totp', Object.fromEntries(STAFF_ROLES.map((r) => [r, ['manage:totp:own'] as const])));
