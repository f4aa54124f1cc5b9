import { definePolicy } from '../../core/access.js';

/**
 * The mail outbox holds reset links and invitations in clear text, so only the
 * system administrator reads it (to pass on mail when no SMTP server is set).
 */
definePolicy('mail', {
  sys_admin: ['read:mail:any'],
});
