import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Innovation vouchers. Enterprises apply and hold vouchers for their
 * organisation (`org`); providers (service institutions) and, for
 * reimbursement programmes, enterprises submit redemptions for their
 * organisation. Reviewers decide applications and redemptions; the bureau
 * administrator runs programmes and budgets, voids, blacklists and records
 * payouts. Auditors read everything.
 */
const BUREAU_READ: Permission[] = ['read:voucher_programme:any'];

definePolicy('voucher_programme', {
  enterprise_member: ['read:voucher_programme:any'],
  service_member: ['read:voucher_programme:any'],
  org_admin: ['read:voucher_programme:any'],
  reviewer: BUREAU_READ,
  auditor: BUREAU_READ,
  bureau_admin: ['read:voucher_programme:any', 'manage:voucher_programme:any'],
});

definePolicy('voucher_application', {
  enterprise_member: ['create:voucher_application:org', 'read:voucher_application:org'],
  org_admin: ['create:voucher_application:org', 'read:voucher_application:org'],
  reviewer: ['read:voucher_application:any', 'decide:voucher_application:any'],
  bureau_admin: ['read:voucher_application:any', 'decide:voucher_application:any'],
  auditor: ['read:voucher_application:any'],
});

definePolicy('voucher', {
  enterprise_member: ['read:voucher:org'],
  org_admin: ['read:voucher:org'],
  reviewer: ['read:voucher:any'],
  bureau_admin: ['read:voucher:any', 'void:voucher:any'],
  auditor: ['read:voucher:any'],
});

definePolicy('voucher_redemption', {
  enterprise_member: ['create:voucher_redemption:org', 'read:voucher_redemption:org'],
  service_member: ['create:voucher_redemption:org', 'read:voucher_redemption:org'],
  org_admin: ['create:voucher_redemption:org', 'read:voucher_redemption:org'],
  reviewer: ['read:voucher_redemption:any', 'decide:voucher_redemption:any'],
  bureau_admin: ['read:voucher_redemption:any', 'decide:voucher_redemption:any', 'pay:voucher_redemption:any'],
  auditor: ['read:voucher_redemption:any'],
});

definePolicy('voucher_blacklist', {
  reviewer: ['read:voucher_blacklist:any'],
  auditor: ['read:voucher_blacklist:any'],
  bureau_admin: ['read:voucher_blacklist:any', 'manage:voucher_blacklist:any'],
});

definePolicy('voucher_report', {
  reviewer: ['read:voucher_report:any'],
  auditor: ['read:voucher_report:any'],
  bureau_admin: ['read:voucher_report:any'],
});
