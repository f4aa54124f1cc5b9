import type { Locale, Role } from '../../shared/roles.js';
import { AppError } from './errors.js';

/**
 * Access control. Permissions are spelled `action:entity:scope` and granted to
 * roles by each domain's policy module (server/modules/<domain>/policy.ts)
 * through `definePolicy`. Anything not granted is denied.
 */
export type Scope = 'own' | 'org' | 'any';
export type Permission = `${string}:${string}:${Scope}`;

/** Who is calling, and from where; passed to every operation. */
export type Actor = {
  userId: string | null;
  username: string | null;
  organisationId: string | null;
  orgVerified: boolean;
  roles: readonly Role[];
  locale: Locale;
  sessionId: string | null;
  /** How the caller authenticated. */
  via: 'anonymous' | 'session' | 'token' | 'system';
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};

export const ANONYMOUS: Actor = {
  userId: null,
  username: null,
  organisationId: null,
  orgVerified: false,
  roles: ['visitor'],
  locale: 'zh-CN',
  sessionId: null,
  via: 'anonymous',
  ip: null,
  userAgent: null,
  requestId: null,
};

/** The platform itself acting (jobs, start-up seeding, CLI). */
export function systemActor(requestId: string | null = null): Actor {
  return { ...ANONYMOUS, username: 'system', roles: [], via: 'system', requestId };
}

/** An object's ownership, as far as access decisions need it. */
export type Ownership = { ownerId?: string | null; organisationId?: string | null };

const grants = new Map<Role, Set<Permission>>();
const declared = new Set<Permission>();

/** Declare, once per domain, which roles hold which permissions. */
export function definePolicy(entity: string, table: Partial<Record<Role, readonly Permission[]>>): void {
  for (const [role, perms] of Object.entries(table) as [Role, readonly Permission[]][]) {
    const set = grants.get(role) ?? new Set<Permission>();
    for (const p of perms) {
      if (p.split(':')[1] !== entity) throw new Error(`policy for ${entity} declares ${p}`);
      set.add(p);
      declared.add(p);
    }
    grants.set(role, set);
  }
}

/** Every permission any policy declared (for the access-matrix test and docs). */
export function declaredPermissions(): Permission[] {
  return [...declared].sort();
}

export function permissionsOf(actor: Actor): Permission[] {
  const out = new Set<Permission>();
  // Signed-in users can do whatever visitors can.
  const roles: readonly Role[] = actor.userId ? ['visitor', ...actor.roles] : actor.roles;
  for (const r of roles) for (const p of grants.get(r) ?? []) out.add(p);
  return [...out].sort();
}

/**
 * May the actor do `action` on `entity`? Without `resource` this asks whether
 * any scope is held (route-level check); with it, whether a scope that covers
 * this object is held.
 */
export function can(actor: Actor, action: string, entity: string, resource?: Ownership): boolean {
  const held = permissionsOf(actor);
  const has = (scope: Scope) => held.includes(`${action}:${entity}:${scope}`);
  if (has('any')) return true;
  if (!resource) return has('org') || has('own');
  if (has('org') && actor.organisationId && resource.organisationId === actor.organisationId) return true;
  if (has('own') && actor.userId && resource.ownerId === actor.userId) return true;
  return false;
}

export function requireCan(actor: Actor, action: string, entity: string, resource?: Ownership): void {
  if (!can(actor, action, entity, resource)) {
    throw new AppError(actor.userId ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  }
}

/** The subset of `actions` the actor may take on this object, for `actions` in responses. */
export function allowedActions(actor: Actor, entity: string, resource: Ownership, actions: readonly string[]): string[] {
  return actions.filter((a) => can(actor, a, entity, resource));
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}
