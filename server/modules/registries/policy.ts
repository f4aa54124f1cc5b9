import type { Permission } from '../../core/access.js';
import { definePolicy } from '../../core/access.js';
import type { Role } from '../../../shared/roles.js';

/**
 * The registries. Owners (members of the owning organisation; for a broker
 * profile, the broker) register and edit their entries and submit them; the
 * bureau's reviewers approve or return submissions and changes, score
 * demonstration institutions and record talent recognitions; the bureau
 * administrator may also register entries for any organisation (or the
 * bureau itself), import and export.
 */
const owner = (entity: string, scope: 'org' | 'own'): Permission[] => [`create:${entity}:${scope}`, `edit:${entity}:${scope}`, `read:${entity}:${scope}`];
const reviewer = (entity: string): Permission[] => [`read:${entity}:any`, `review:${entity}:any`, `export:${entity}:any`];
const admin = (entity: string): Permission[] => [...reviewer(entity), `create:${entity}:any`, `edit:${entity}:any`, `import:${entity}:any`];

function registry(entity: string, owners: Role[], scope: 'org' | 'own', extra: Partial<Record<Role, Permission[]>> = {}): void {
  const table: Partial<Record<Role, Permission[]>> = {};
  for (const r of owners) table[r] = owner(entity, scope);
  table.reviewer = [...reviewer(entity), ...(extra.reviewer ?? [])];
  table.bureau_admin = [...admin(entity), ...(extra.bureau_admin ?? [])];
  definePolicy(entity, table);
}

registry('institution', ['service_member', 'org_admin'], 'org', {
  reviewer: ['score:institution:any'],
  bureau_admin: ['score:institution:any'],
});
registry('broker', ['broker'], 'own', {
  reviewer: ['recognise:broker:any', 'assign:broker:any'],
  bureau_admin: ['recognise:broker:any', 'assign:broker:any'],
});
registry('space', ['org_admin', 'service_member', 'enterprise_member'], 'org');
registry('alliance', ['org_admin', 'enterprise_member', 'researcher', 'service_member'], 'org');
registry('demo_zone', ['org_admin', 'dept_reporter'], 'org');
// Innovation platforms: registered by their host organisation, like maker spaces.
registry('platform', ['org_admin', 'service_member', 'enterprise_member'], 'org');
