import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Trading. Members of an organisation list its published achievements and
 * manage those listings (`org`: the listing's holder organisation), and buy,
 * offer and bid for it (the operation checks the organisation is VERIFIED and
 * is not the holder). The bureau's reviewers record deposits and refunds and
 * resolve objections to deals in public notice. Anyone signed in may object
 * (route access `authenticated`).
 */
const MEMBER: Permission[] = ['create:trade_listing:org', 'manage:trade_listing:org', 'buy:trade_listing:org'];
const BUREAU: Permission[] = ['read:trade_listing:any'];

definePolicy('trade_listing', {
  enterprise_member: MEMBER,
  researcher: MEMBER,
  service_member: MEMBER,
  org_admin: MEMBER,
  reviewer: BUREAU,
  bureau_admin: BUREAU,
});

definePolicy('auction', {
  enterprise_member: ['bid:auction:org'],
  researcher: ['bid:auction:org'],
  service_member: ['bid:auction:org'],
  org_admin: ['bid:auction:org'],
  reviewer: ['manage:auction:any'],
  bureau_admin: ['manage:auction:any'],
});

definePolicy('trade_objection', {
  reviewer: ['resolve:trade_objection:any'],
  bureau_admin: ['resolve:trade_objection:any'],
});
