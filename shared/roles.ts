/**
 * The platform's roles. A user holds one or more; `visitor` is the anonymous
 * caller and is never stored. Permissions per role are declared in each
 * domain's policy module (server/modules/<domain>/policy.ts).
 */
export const ROLES = [
  'visitor',
  'enterprise_member',
  'researcher',
  'service_member',
  'broker',
  'commissioner',
  'dept_reporter',
  'org_admin',
  'expert',
  'reviewer',
  'bureau_admin',
  'sys_admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that are staff of the bureau: they may enrol TOTP and get the shorter idle timeout when admins. */
export const STAFF_ROLES: readonly Role[] = ['reviewer', 'bureau_admin', 'sys_admin', 'auditor'];
export const ADMIN_ROLES: readonly Role[] = ['bureau_admin', 'sys_admin'];

export const ORG_TYPES = [
  'district_government',
  'gov_department',
  'township',
  'subdistrict',
  'park_committee',
  'enterprise',
  'university',
  'research_institute',
  'hospital',
  'service_institution',
  'financial_institution',
  'maker_space',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Government units form the tree of responsible units; they are created by the bureau, not self-registered. */
export const GOVERNMENT_ORG_TYPES: readonly OrgType[] = [
  'district_government',
  'gov_department',
  'township',
  'subdistrict',
  'park_committee',
];
export const SELF_REGISTERING_ORG_TYPES = ORG_TYPES.filter((t) => !GOVERNMENT_ORG_TYPES.includes(t));

export const VERIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
