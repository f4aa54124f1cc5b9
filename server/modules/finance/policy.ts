import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * S&T finance records. Enterprise members and their administrators register,
 * edit, submit and withdraw their organisation's records (`org`), like the
 * other enterprise filings. Bureau reviewers verify or return (`review`); the
 * bureau administrator reads everything. Statistics and the XLSX export are
 * the bureau's and the departments' (区金融办 tracks tasks 14 and 15).
 */
const MEMBER: Permission[] = ['create:financing:org', 'read:financing:org', 'act:financing:org'];

definePolicy('financing', {
  enterprise_member: MEMBER,
  org_admin: MEMBER,
  reviewer: ['read:financing:any', 'review:financing:any'],
  bureau_admin: ['read:financing:any'],
  auditor: ['read:financing:any'],
});

definePolicy('financestats', {
  reviewer: ['read:financestats:any'],
  bureau_admin: ['read:financestats:any'],
  dept_reporter: ['read:financestats:any'],
  auditor: ['read:financestats:any'],
});
