import { describe, expect, it } from 'vitest';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, TestClient } from '../support/client.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { and, desc, eq } from 'drizzle-orm';
import { users } from '../../server/modules/identity/schema.js';

const env = await setupTestEnv();

describe('sign-in', () => {
  it('signs in with the right password and returns the user, permissions and a CSRF token', async () => {
    const org = await createOrg(env.db);
    const u = await createUser(env.db, { roles: ['enterprise_member'], organisationId: org.id });
    const c = new TestClient(env.app);
    const res = await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(u.username);
    expect(res.body.csrfToken).toMatch(/.{20,}/);
    expect(res.body.user.organisation.id).toBe(org.id);
    expect(c.cookie).toMatch(/^__Host-cg_session=|^cg_session=/);
    const s = await c.get('/api/v1/session');
    expect(s.body.user.id).toBe(u.id);
  });

  it('refuses a wrong password with a clear error and audits the failure', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = new TestClient(env.app);
    const res = await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong-pass-1' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.error.requestId).toBeTruthy();
    const [last] = await env.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    expect(last).toMatchObject({ action: 'auth.login', outcome: 'failure', entityId: u.id });
  });

  it('locks the account for 15 minutes after 5 failures, then lets the right password in', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = new TestClient(env.app);
    for (let i = 0; i < 4; i++) {
      expect((await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong-pass-1' })).status).toBe(401);
    }
    const fifth = await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong-pass-1' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    const whileLocked = await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(whileLocked.status).toBe(423);
    env.clock.advance(15 * 60 + 1);
    const after = await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(after.status).toBe(200);
    const inbox = await c.get('/api/v1/notifications');
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toEqual(['account.locked']);
  });

  it('lets many colleagues behind one office address sign in, but holds one account to ten tries a minute', async () => {
    const office = '10.77.0.1';
    const colleagues = await Promise.all(Array.from({ length: 25 }, () => createUser(env.db, { roles: ['researcher'] })));
    for (const u of colleagues) {
      const res = await new TestClient(env.app, office).post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
      expect(res.status).toBe(200);
    }
    const target = await createUser(env.db, { roles: ['researcher'] });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // Spelled differently each time: the limit is on the account, not on the string.
      const username = i % 2 ? target.username.toUpperCase() : target.username;
      const res = await new TestClient(env.app, '10.77.0.2').post('/api/v1/auth/login', { username, password: PASSWORD });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
    // The same account from another address, and another account from the same address, still get through.
    expect((await new TestClient(env.app, '10.77.0.3').post('/api/v1/auth/login', { username: target.username, password: PASSWORD })).status).toBe(200);
    expect((await new TestClient(env.app, '10.77.0.2').post('/api/v1/auth/login', { username: colleagues[0]!.username, password: PASSWORD })).status).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = await signIn(env.app, u.username, PASSWORD);
    env.clock.advance(29 * 60);
    expect((await c.get('/api/v1/session')).body.user?.id).toBe(u.id);
    env.clock.advance(29 * 60);
    expect((await c.get('/api/v1/session')).body.user?.id).toBe(u.id);
    env.clock.advance(31 * 60);
    const idle = await c.get('/api/v1/notifications/unread-count');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_EXPIRED');

    const c2 = await signIn(env.app, u.username, PASSWORD);
    for (let i = 0; i < 25; i++) {
      env.clock.advance(29 * 60);
      const r = await c2.get('/api/v1/session');
      if (i < 24) expect(r.body.user?.id).toBe(u.id);
      else expect(r.body.user).toBeNull();
    }
  });

  it('does not count background polls as activity', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = await signIn(env.app, u.username, PASSWORD);
    for (let i = 0; i < 3; i++) {
      env.clock.advance(9 * 60);
      expect((await c.get('/api/v1/session', { 'x-background-request': '1' })).body.user?.id).toBe(u.id);
    }
    // 31 minutes after the last real activity, although polled 4 minutes ago.
    env.clock.advance(4 * 60);
    expect((await c.get('/api/v1/session')).body.user).toBeNull();
  });

  it('gives administrators a 15-minute idle timeout', async () => {
    const u = await createUser(env.db, { roles: ['sys_admin'] });
    const c = await signIn(env.app, u.username, PASSWORD);
    expect((await c.get('/api/v1/session')).body.idleTimeoutSeconds).toBe(900);
    env.clock.advance(16 * 60);
    expect((await c.get('/api/v1/session')).body.user).toBeNull();
  });

  it('refuses a cookie-authenticated write without the CSRF token and changes nothing', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = await signIn(env.app, u.username, PASSWORD);
    const res = await c.post('/api/v1/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    expect((await c.get('/api/v1/session')).body.user?.id).toBe(u.id);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await c.get('/api/v1/session')).body.user).toBeNull();
  });

  it('forces a one-time password to be changed before anything else, with the policy enforced', async () => {
    const u = await createUser(env.db, { roles: ['researcher'], mustChangePassword: true, password: 'Temp#pass99' });
    const c = await signIn(env.app, u.username, 'Temp#pass99');
    const blocked = await c.get('/api/v1/notifications/unread-count');
    expect(blocked.body.error?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/v1/auth/password', { currentPassword: 'Temp#pass99', newPassword: 'password1' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('newPassword');
    const ok = await c.post('/api/v1/auth/password', { currentPassword: 'Temp#pass99', newPassword: 'New-Secret-42' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(false);
  });

  it('counts wrong current passwords at a password change toward the lockout: the fifth locks the account and the password stays as it was', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = await signIn(env.app, u.username, PASSWORD);
    const hashBefore = (await env.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id)))[0]!.h;
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/v1/auth/password', { currentPassword: `Wrong-pass-${i}`, newPassword: 'New-Secret-42' });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.error.fields).toEqual([{ path: 'currentPassword', message: `密码不正确；再输错 ${5 - i} 次，账号将锁定 15 分钟。` }]);
    }
    const fifth = await c.post('/api/v1/auth/password', { currentPassword: 'Wrong-pass-5', newPassword: 'New-Secret-42' });
    expect([fifth.status, fifth.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    // Locked: the right current password changes nothing, and sign-in is refused.
    const locked = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'New-Secret-42' });
    expect([locked.status, locked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect((await env.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id)))[0]!.h).toBe(hashBefore);
    expect((await new TestClient(env.app).post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).status).toBe(423);
    const failures = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.change_password'), eq(auditLog.entityId, u.id)));
    expect(failures.map((a) => a.outcome)).toEqual(['failure', 'failure', 'failure', 'failure', 'failure', 'denied']);
    const [lockout] = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.lockout'), eq(auditLog.entityId, u.id)));
    expect(lockout?.changes).toMatchObject({ failures: 5, during: 'user.change_password' });
    // After the lock the change goes through with the right password, which also clears the count.
    env.clock.advance(15 * 60 + 1);
    const ok = await c.post('/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'New-Secret-42' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await env.db.select({ n: users.failedLoginCount }).from(users).where(eq(users.id, u.id)))[0]!.n).toBe(0);
  });

  it('audits every wrong sign-in and the lockout itself, and a right password clears the count', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const c = new TestClient(env.app);
    for (let i = 0; i < 3; i++) await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong-pass-1' });
    expect((await c.post('/api/v1/auth/login', { username: u.username, password: PASSWORD })).status).toBe(200);
    expect((await env.db.select({ n: users.failedLoginCount }).from(users).where(eq(users.id, u.id)))[0]!.n).toBe(0);
    for (let i = 0; i < 4; i++) expect((await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong-pass-1' })).status).toBe(401);
    const fifth = await c.post('/api/v1/auth/login', { username: u.username, password: 'Wrong-pass-1' });
    expect([fifth.status, fifth.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(fifth.body.error.message).toBe('密码连续输错次数过多，账号已锁定，请 15 分钟后再试。');
    const rows = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, u.id), eq(auditLog.outcome, 'failure')));
    expect(rows.filter((r) => r.action === 'auth.login')).toHaveLength(8);
    expect(rows.filter((r) => r.action === 'auth.lockout').map((r) => r.changes)).toEqual([{ reason: 'wrong_password', failures: 5, during: 'auth.login' }]);
  });
});

