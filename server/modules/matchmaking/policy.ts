import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';

/**
 * Matchmaking cases. Members of an organisation open cases for it and act as
 * its side (`org`: the operation checks that the caller's organisation is one
 * of the case's two); opening additionally needs a VERIFIED organisation.
 * A broker reads and acts on the cases assigned to them (`own`: the case's
 * broker), and may claim open cases that have none. The bureau (reviewers,
 * bureau administrator) reads every case, assigns brokers, and sees the funnel.
 */
const MEMBER: Permission[] = ['create:case:org', 'read:case:org', 'act:case:org'];
const BUREAU: Permission[] = ['read:case:any', 'assign:case:any'];

definePolicy('case', {
  enterprise_member: MEMBER,
  researcher: MEMBER,
  service_member: MEMBER,
  org_admin: MEMBER,
  broker: ['read:case:own', 'act:case:own', 'claim:case:any'],
  reviewer: BUREAU,
  bureau_admin: BUREAU,
});

/** A broker's own list of cases with their staleness. */
definePolicy('workload', { broker: ['read:workload:own'] });

/** The matchmaking funnel and its export. */
definePolicy('funnel', { reviewer: ['read:funnel:any'], bureau_admin: ['read:funnel:any'] });
