import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../shared/roles.js';
import { registeredRoutes } from '../../server/http/route.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';

/**
 * Deny by default, checked route by route and role by role. The table below is
 * the intended access of every API route; a route missing from it fails this
 * test, so a new route cannot ship without deciding who may call it.
 *
 * 'public' = anyone; 'signed-in' = every signed-in role; otherwise the roles
 * allowed past the route-level check. Object-level scopes (own / org / any)
 * are tested per domain, and in the object-scope section below.
 */
type Who = 'public' | 'signed-in' | Role[];

const STAFF: Role[] = ['reviewer', 'bureau_admin', 'sys_admin', 'auditor'];

const EXPECTED: Record<string, Who> = {
  'GET /api/v1/session': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'POST /api/v1/auth/password': 'signed-in',
  'POST /api/v1/auth/password-reset/request': 'public',
  'POST /api/v1/auth/password-reset/confirm': 'public',
  'POST /api/v1/auth/totp/verify': 'signed-in',
  'POST /api/v1/auth/totp/enrol': STAFF,
  'POST /api/v1/auth/totp/confirm': STAFF,
  'POST /api/v1/auth/totp/disable': STAFF,
  'PATCH /api/v1/me': 'signed-in',
  'GET /api/v1/me/tokens': 'signed-in',
  'POST /api/v1/me/tokens': 'signed-in',
  'DELETE /api/v1/me/tokens/:id': 'signed-in',
  'POST /api/v1/register': 'public',
  'GET /api/v1/meta': 'public',
  'GET /api/v1/organisations': 'public',
  'GET /api/v1/organisations/tree': 'public',
  'GET /api/v1/organisations/:id': 'public',
  'POST /api/v1/organisations': ['bureau_admin'],
  'PATCH /api/v1/organisations/:id': ['org_admin', 'bureau_admin'],
  'POST /api/v1/organisations/:id/verification': ['reviewer', 'bureau_admin'],
  'GET /api/v1/organisations/:id/members': ['org_admin', 'reviewer', 'bureau_admin', 'sys_admin'],
  'DELETE /api/v1/organisations/:id/members/:userId': ['org_admin'],
  'GET /api/v1/organisations/:id/invitations': ['org_admin'],
  'POST /api/v1/organisations/:id/invitations': ['org_admin'],
  'DELETE /api/v1/organisations/:id/invitations/:invitationId': ['org_admin'],
  'GET /api/v1/invitations/:token': 'public',
  'POST /api/v1/invitations/:token/accept': 'public',
  'GET /api/v1/users': ['bureau_admin', 'sys_admin', 'auditor'],
  'POST /api/v1/users': ['sys_admin'],
  'PATCH /api/v1/users/:id': ['sys_admin'],
  'POST /api/v1/users/:id/password-reset': ['sys_admin'],
  'POST /api/v1/users/:id/unlock': ['sys_admin'],
  'GET /api/v1/audit': ['auditor'],
  'GET /api/v1/audit/export': ['auditor'],
  'GET /api/v1/audit/verification': ['auditor'],
  'GET /api/v1/notifications': 'signed-in',
  'GET /api/v1/notifications/unread-count': 'signed-in',
  'POST /api/v1/notifications/:id/read': 'signed-in',
  'POST /api/v1/notifications/read-all': 'signed-in',
  'GET /api/v1/admin/mail-outbox': ['sys_admin'],
};

const env = await setupTestEnv();

const routes = registeredRoutes
  .filter((r) => r.path.startsWith('/api/'))
  .map((r) => ({ ...r, key: `${r.method} ${r.path}` }))
  // Sign-out last, so each role's session lives through the walk.
  .sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));

function fill(path: string): string {
  return path.replace(/:token/g, 'x'.repeat(40)).replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
}

function allowed(who: Who, role: Role): boolean {
  if (who === 'public') return true;
  if (who === 'signed-in') return role !== 'visitor';
  return who.includes(role);
}

describe('access matrix (deny by default)', () => {
  it('every API route has an entry in the matrix, and every entry a route', () => {
    const keys = routes.map((r) => r.key).sort();
    expect(keys).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lets each role past exactly the routes the matrix allows', async () => {
    const org = await createOrg(env.db);
    const clients = new Map<Role, TestClient>();
    for (const role of ROLES) {
      if (role === 'visitor') {
        clients.set(role, new TestClient(env.app));
        continue;
      }
      const u = await createUser(env.db, { roles: [role], organisationId: STAFF.includes(role) ? null : org.id });
      clients.set(role, await signIn(env.app, u.username, PASSWORD));
    }
    const mismatches: string[] = [];
    for (const r of routes) {
      for (const role of ROLES) {
        const res = await clients.get(role)!.request(r.method, fill(r.path), r.method === 'GET' ? undefined : {});
        const denied = res.status === 401 || res.status === 403;
        const expectAllowed = allowed(EXPECTED[r.key] ?? [], role);
        if (expectAllowed === denied) {
          mismatches.push(`${r.key} as ${role}: ${res.status} ${res.body?.error?.code ?? ''}`);
        } else if (denied) {
          const code = role === 'visitor' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
          if (res.body?.error?.code !== code) mismatches.push(`${r.key} as ${role}: expected ${code}, got ${res.body?.error?.code}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
