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
  org_admin: [...SELF, 'read:user:org'],
  reviewer: SELF,
  bureau_admin: [...SELF, 'read:user:any'],
  sys_admin: [...SELF, 'read:user:any', 'manage:user:any'],
  auditor: [...SELF, 'read:user:any'],
});
