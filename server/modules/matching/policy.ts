import { definePolicy } from '../../core/access.js';

/**
 * Matching. Suggestions themselves are public (published records only, rate
 * limited); marking a suggestion useful needs a signed-in user (anyone), and
 * subscriptions belong to the user who made them (checked by the operations).
 * The export of feedback for offline evaluation is the bureau's.
 */
definePolicy('match_feedback', {
  reviewer: ['export:match_feedback:any'],
  bureau_admin: ['export:match_feedback:any'],
  sys_admin: ['export:match_feedback:any'],
});
