import { definePolicy } from '../../core/access.js';

/**
 * The audit log. Only the auditor reads and exports it. The system
 * administrator deliberately holds nothing here (separation of duties: the
 * person who runs the platform must not be the one who checks what was done
 * on it), and neither does the bureau administrator.
 */
definePolicy('audit', {
  auditor: ['read:audit:any', 'export:audit:any'],
});
