import { definePolicy } from '../../core/access.js';

/**
 * Villages and tech commissioners. The bureau administrator keeps the village
 * register, the commissioners and their assignments, and records fees and
 * dividends; reviewers, departments' reporters and the auditor read them and
 * the coverage. A commissioner reads their own profile, logs their own
 * services, records their own fees, and sees the coverage.
 */
definePolicy('village', { bureau_admin: ['read:village:any', 'manage:village:any'], reviewer: ['read:village:any'], dept_reporter: ['read:village:any'], auditor: ['read:village:any'], commissioner: ['read:village:any'] });
definePolicy('commissioner', {
  bureau_admin: ['read:commissioner:any', 'manage:commissioner:any'],
  reviewer: ['read:commissioner:any'],
  dept_reporter: ['read:commissioner:any'],
  auditor: ['read:commissioner:any'],
  commissioner: ['read:commissioner:own'],
});
definePolicy('service_log', {
  bureau_admin: ['read:service_log:any'],
  reviewer: ['read:service_log:any'],
  dept_reporter: ['read:service_log:any'],
  auditor: ['read:service_log:any'],
  commissioner: ['create:service_log:own', 'read:service_log:own'],
});
definePolicy('coverage', { bureau_admin: ['read:coverage:any'], reviewer: ['read:coverage:any'], dept_reporter: ['read:coverage:any'], auditor: ['read:coverage:any'], commissioner: ['read:coverage:any'] });
definePolicy('benefit', {
  bureau_admin: ['read:benefit:any', 'create:benefit:any'],
  reviewer: ['read:benefit:any'],
  auditor: ['read:benefit:any'],
  commissioner: ['read:benefit:own', 'create:benefit:own'],
});

/** Service statistics across commissioners and townships. */
definePolicy('service_stats', { bureau_admin: ['read:service_stats:any'], reviewer: ['read:service_stats:any'], dept_reporter: ['read:service_stats:any'], auditor: ['read:service_stats:any'] });
