import { ROLES, type Role } from '../../../shared/roles.js';
import { definePolicy, type Permission } from '../../core/access.js';

/**
 * In-app notifications. Every signed-in user reads and marks their own; no one
 * reads another's (administrators included: notifications may carry review notes).
 */
const OWN: readonly Permission[] = ['read:notification:own', 'update:notification:own'];

definePolicy(
  'notification',
  Object.fromEntries(ROLES.filter((r) => r !== 'visitor').map((r) => [r, OWN])) as Partial<Record<Role, readonly Permission[]>>,
);
