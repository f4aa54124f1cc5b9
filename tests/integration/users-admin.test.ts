import { and, desc, eq, ne, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { ANONYMOUS } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import { withTx } from '../../server/db/tx.js';
import { userRoles, users } from '../../server/modules/identity/schema.js';
import { updateUser } from '../../server/modules/users/update-user.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

const fresh = () => new TestClient(env.app);
const signInFresh = (username: string, password = PASSWORD) => signIn(env.app, username, password);

async function as(roles: Parameters<typeof createUser>[1]['roles'], organisationId?: string) {
  const user = await createUser(env.db, { roles, organisationId });
  return { user, client: await signInFresh(user.username) };
}

async function row(id: string) {
  const [r] = await env.db.select().from(users).where(eq(users.id, id));
  return r!;
}

async function lastAudit(action: string) {
  const [r] = await env.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1);
  return r;
}

let n = 0;
const uname = () => `adm${Date.now().toString(36)}${n++}`;

describe('account administration', () => {
  it('creates an account with a one-time password that works once and forces a change', async () => {
    const { client } = await as(['sys_admin']);
    const org = await createOrg(env.db);
    const username = uname();
    const res = await client.post('/api/v1/users', { username, displayName: '王工', email: `${username}@example.test`, organisationId: org.id, roles: ['researcher'] });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username, roles: ['researcher'], status: 'active', organisation: { id: org.id } });
    expect(res.body.user.actions).toEqual(expect.arrayContaining(['update', 'reset_password', 'disable']));
    const otp = res.body.oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(12);

    const audit = await lastAudit('user.create');
    expect(audit).toMatchObject({ entityId: res.body.user.id });
    expect(JSON.stringify(audit!.changes)).not.toContain(otp);

    const newcomer = await signInFresh(username, otp);
    const session = await newcomer.get('/api/v1/session');
    expect(session.body.user.mustChangePassword).toBe(true);
    const blocked = await newcomer.get('/api/v1/organisations/tree'); // public routes stay open
    expect(blocked.status).toBe(200);
    const needsChange = await newcomer.patch(`/api/v1/organisations/${org.id}`, { address: 'x' });
    expect(needsChange.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await newcomer.post('/api/v1/auth/password', { currentPassword: otp, newPassword: 'My-Own-Pass-77' });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
  });

  it('refuses a taken username, a missing organisation and an org_admin without organisation, creating nothing', async () => {
    const { client } = await as(['sys_admin']);
    const existing = await createUser(env.db, { roles: ['researcher'] });
    const dup = await client.post('/api/v1/users', { username: existing.username, displayName: 'x', roles: ['researcher'] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('username');
    const username = uname();
    const noOrg = await client.post('/api/v1/users', { username, displayName: 'x', roles: ['org_admin'] });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.fields[0].path).toBe('organisationId');
    const ghost = await client.post('/api/v1/users', { username, displayName: 'x', roles: ['researcher'], organisationId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.body.error.fields[0].path).toBe('organisationId');
    expect(await env.db.select().from(users).where(eq(users.username, username))).toHaveLength(0);
  });

  it('never lets one account be both sys_admin and auditor, nor a sys_admin make themselves auditor', async () => {
    const { client, user: me } = await as(['sys_admin']);
    const username = uname();
    const both = await client.post('/api/v1/users', { username, displayName: 'x', roles: ['sys_admin', 'auditor'] });
    expect(both.status).toBe(400);
    expect(both.body.error.fields[0].path).toBe('roles');
    expect(await env.db.select().from(users).where(eq(users.username, username))).toHaveLength(0);

    const target = await createUser(env.db, { roles: ['sys_admin'] });
    const promote = await client.patch(`/api/v1/users/${target.id}`, { roles: ['sys_admin', 'auditor'] });
    expect(promote.status).toBe(400);
    const self = await client.patch(`/api/v1/users/${me.id}`, { roles: ['auditor'] });
    expect(self.status).toBe(400);
    expect(self.body.error.fields.map((f: { path: string }) => f.path)).toContain('roles');
    const roles = await client.get(`/api/v1/users?q=${me.username}`);
    expect(roles.body.items[0].roles).toEqual(['sys_admin']);
  });

  it('keeps an active sys_admin: no self-demotion or self-disabling, while another admin may be demoted', async () => {
    const { client, user: me } = await as(['sys_admin']);
    const demote = await client.patch(`/api/v1/users/${me.id}`, { roles: ['reviewer'] });
    expect(demote.status).toBe(400);
    expect(demote.body.error.fields[0].path).toBe('roles');
    const disable = await client.patch(`/api/v1/users/${me.id}`, { status: 'disabled' });
    expect(disable.status).toBe(400);
    expect(disable.body.error.fields[0].path).toBe('status');
    expect(await row(me.id)).toMatchObject({ status: 'active' });
    expect((await client.get('/api/v1/session')).body.user.roles).toEqual(['sys_admin']);

    const other = await createUser(env.db, { roles: ['sys_admin'] });
    const ok = await client.patch(`/api/v1/users/${other.id}`, { roles: ['reviewer'] });
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toEqual(['reviewer']);
  });

  it('ends the sessions of an account whose roles change', async () => {
    const { client } = await as(['sys_admin']);
    const { client: victim, user } = await as(['researcher']);
    expect((await victim.get('/api/v1/session')).body.user.id).toBe(user.id);
    const res = await client.patch(`/api/v1/users/${user.id}`, { roles: ['researcher', 'broker'] });
    expect(res.status).toBe(200);
    expect((await victim.get('/api/v1/session')).body.user).toBeNull();
    expect(await lastAudit('user.update')).toMatchObject({
      entityId: user.id,
      changes: { roles: { before: ['researcher'], after: ['broker', 'researcher'] } },
    });
  });

  it('disabling an account ends its sessions and stops sign-in; re-enabling lets it back', async () => {
    const { client } = await as(['sys_admin']);
    const { client: victim, user } = await as(['enterprise_member']);
    const res = await client.patch(`/api/v1/users/${user.id}`, { status: 'disabled' });
    expect(res.body).toMatchObject({ status: 'disabled' });
    expect(res.body.actions).not.toContain('disable');
    expect((await victim.get('/api/v1/session')).body.user).toBeNull();
    const again = await fresh().post('/api/v1/auth/login', { username: user.username, password: PASSWORD });
    expect(again.body.error.code).toBe('ACCOUNT_DISABLED');
    await client.patch(`/api/v1/users/${user.id}`, { status: 'active' });
    expect((await fresh().post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status).toBe(200);
  });

  it('refuses an e-mail another account uses, changing nothing', async () => {
    const { client } = await as(['sys_admin']);
    const a = await createUser(env.db, { roles: ['researcher'] });
    const b = await createUser(env.db, { roles: ['researcher'] });
    const res = await client.patch(`/api/v1/users/${a.id}`, { email: b.email, displayName: '新名字' });
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('email');
    expect(await row(a.id)).toMatchObject({ email: a.email, displayName: a.displayName });
  });

  it('resets a password to a one-time password, ends sessions and never logs the password', async () => {
    const { client } = await as(['sys_admin']);
    const { client: victim, user } = await as(['researcher']);
    const res = await client.post(`/api/v1/users/${user.id}/password-reset`);
    expect(res.status).toBe(200);
    const otp = res.body.oneTimePassword as string;
    expect((await victim.get('/api/v1/session')).body.user).toBeNull();
    expect((await fresh().post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status).toBe(401);
    const back = await signInFresh(user.username, otp);
    expect((await back.get('/api/v1/session')).body.user.mustChangePassword).toBe(true);
    const audit = await lastAudit('user.reset_password');
    expect(audit).toMatchObject({ entityId: user.id });
    expect(JSON.stringify(audit!.changes)).not.toContain(otp);
  });

  it('unlocks a locked-out account', async () => {
    const { client } = await as(['sys_admin']);
    const user = await createUser(env.db, { roles: ['researcher'] });
    const c = fresh();
    for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/login', { username: user.username, password: 'Wrong-pass-1' });
    expect((await c.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status).toBe(423);
    const listed = await client.get(`/api/v1/users?q=${user.username}`);
    expect(listed.body.items[0].lockedUntil).toBeTruthy();
    expect(listed.body.items[0].actions).toContain('unlock');
    const res = await client.post(`/api/v1/users/${user.id}/unlock`);
    expect(res.status).toBe(200);
    expect(res.body.lockedUntil).toBeNull();
    expect(res.body.actions).not.toContain('unlock');
    expect((await c.post('/api/v1/auth/login', { username: user.username, password: PASSWORD })).status).toBe(200);
    expect(await lastAudit('user.unlock')).toMatchObject({ entityId: user.id });
  });

  it('lists and filters accounts for administrators, bureau administrators and auditors (read-only)', async () => {
    const org = await createOrg(env.db);
    const member = await createUser(env.db, { roles: ['commissioner'], organisationId: org.id });
    const { client: admin } = await as(['sys_admin']);
    const byOrg = await admin.get(`/api/v1/users?organisationId=${org.id}`);
    expect(byOrg.body.items.map((u: { id: string }) => u.id)).toEqual([member.id]);
    const byRole = await admin.get('/api/v1/users?role=commissioner&pageSize=200');
    expect(byRole.body.items.every((u: { roles: string[] }) => u.roles.includes('commissioner'))).toBe(true);
    expect(byRole.body.items.map((u: { id: string }) => u.id)).toContain(member.id);
    for (const role of ['auditor', 'bureau_admin'] as const) {
      const { client } = await as([role]);
      const list = await client.get(`/api/v1/users?q=${member.username}`);
      expect(list.status).toBe(200);
      expect(list.body.items[0].actions).toEqual([]);
      expect((await client.post(`/api/v1/users/${member.id}/unlock`)).status).toBe(403);
    }
  });

  it('refuses an enterprise member on every account administration endpoint', async () => {
    const org = await createOrg(env.db);
    const { client, user } = await as(['enterprise_member', 'org_admin'], org.id);
    const target = await createUser(env.db, { roles: ['researcher'] });
    const username = uname();
    const calls = [
      client.get('/api/v1/users'),
      client.post('/api/v1/users', { username, displayName: 'x', roles: ['researcher'] }),
      client.patch(`/api/v1/users/${target.id}`, { status: 'disabled' }),
      client.patch(`/api/v1/users/${user.id}`, { roles: ['sys_admin'] }),
      client.post(`/api/v1/users/${target.id}/password-reset`),
      client.post(`/api/v1/users/${target.id}/unlock`),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
    expect(await row(target.id)).toMatchObject({ status: 'active' });
    expect(await env.db.select().from(users).where(eq(users.username, username))).toHaveLength(0);
    expect((await client.get('/api/v1/session')).body.user.roles).toEqual(['enterprise_member', 'org_admin']);
    const anon = fresh();
    expect((await anon.get('/api/v1/users')).status).toBe(401);
  });

  it('answers 404 for an account that does not exist', async () => {
    const { client } = await as(['sys_admin']);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await client.patch(`/api/v1/users/${missing}`, { displayName: 'x' })).status).toBe(404);
    expect((await client.post(`/api/v1/users/${missing}/password-reset`)).status).toBe(404);
  });

  // Runs last: it disables every other administrator of this file's database.
  it('refuses to disable or demote the last active sys_admin, whoever asks', async () => {
    const last = await createUser(env.db, { roles: ['sys_admin'] });
    const admins = env.db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'sys_admin'));
    await env.db.update(users).set({ status: 'disabled' }).where(and(inArray(users.id, admins), ne(users.id, last.id)));
    // An actor that is not itself an active administrator (a CLI or a job), so only the invariant stands in the way.
    const actor = { ...ANONYMOUS, userId: null, username: 'cli', roles: ['sys_admin' as const], via: 'system' as const };
    for (const patch of [{ status: 'disabled' as const }, { roles: ['reviewer' as const] }]) {
      const err = await withTx(env.db, (tx) => updateUser(tx, actor, last.id, patch, env.clock.now())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('INVALID_STATE');
    }
    expect(await row(last.id)).toMatchObject({ status: 'active' });
  });
});
