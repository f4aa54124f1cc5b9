import { and, desc, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { sessions, users } from '../../server/modules/identity/schema.js';
import { TestClient } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

const freshClient = () => new TestClient(env.app);

async function signIn(username: string): Promise<TestClient> {
  const c = freshClient();
  const res = await c.post('/api/v1/auth/login', { username, password: PASSWORD });
  expect(res.status).toBe(200);
  return c;
}

/** The code an authenticator app would show, `offsetSeconds` from the test clock’s now. */
function codeFor(secret: string, offsetSeconds = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: env.clock.now().getTime() + offsetSeconds * 1000 });
}

/** A six-digit code that is valid at none of the accepted steps. */
function wrongCodeFor(secret: string): string {
  const valid = new Set([-30, 0, 30].map((o) => codeFor(secret, o)));
  let n = Number(codeFor(secret));
  do n = (n + 1) % 1_000_000;
  while (valid.has(String(n).padStart(6, '0')));
  return String(n).padStart(6, '0');
}

async function storedUser(id: string) {
  return (await env.db.select().from(users).where(eq(users.id, id)))[0]!;
}

/** A reviewer with TOTP already on; returns the user and its secret. */
async function staffWithTotp() {
  const u = await createUser(env.db, { roles: ['reviewer'] });
  const c = await signIn(u.username);
  const { secret } = (await c.post('/api/v1/auth/totp/enrol')).body;
  expect((await c.post('/api/v1/auth/totp/confirm', { code: codeFor(secret) })).status).toBe(200);
  await c.post('/api/v1/auth/logout');
  // A code is accepted once; later sign-ins in a test happen in later 30-second steps.
  env.clock.advance(90);
  return { u, secret };
}

async function pendingSignIn(username: string) {
  const c = freshClient();
  const res = await c.post('/api/v1/auth/login', { username, password: PASSWORD });
  expect(res.body).toMatchObject({ mfaPending: true, user: null, permissions: [] });
  return c;
}

describe('enrolling', () => {
  it('gives staff a secret and an otpauth URL, trusted only after a first valid code', async () => {
    const u = await createUser(env.db, { roles: ['bureau_admin'] });
    const c = await signIn(u.username);
    const enrol = await c.post('/api/v1/auth/totp/enrol');
    expect(enrol.status).toBe(200);
    const { secret, otpauthUrl } = enrol.body;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Chengguo:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(otpauthUrl).toContain('issuer=Chengguo');
    expect(otpauthUrl).toMatch(/algorithm=SHA1.*digits=6.*period=30/);
    expect(await storedUser(u.id)).toMatchObject({ totpSecret: secret, totpEnabled: false });

    const wrong = await c.post('/api/v1/auth/totp/confirm', { code: wrongCodeFor(secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('code');
    expect((await storedUser(u.id)).totpEnabled).toBe(false);

    const ok = await c.post('/api/v1/auth/totp/confirm', { code: codeFor(secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(true);
    expect(ok.body.mfaPending).toBe(false);
    const actions = (await env.db.select().from(auditLog).where(eq(auditLog.entityId, u.id)).orderBy(auditLog.seq)).map((a) => `${a.action}:${a.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['user.totp_enrol:success', 'user.totp_confirm:failure', 'user.totp_confirm:success']));
    expect(JSON.stringify(await env.db.select().from(auditLog).where(eq(auditLog.entityId, u.id)))).not.toContain(secret);
  });

  it('refuses non-staff roles', async () => {
    const u = await createUser(env.db, { roles: ['enterprise_member', 'org_admin'] });
    const c = await signIn(u.username);
    const res = await c.post('/api/v1/auth/totp/enrol');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await storedUser(u.id)).totpSecret).toBeNull();
  });

  it('refuses confirming without enrolment, and re-enrolling while on', async () => {
    const u = await createUser(env.db, { roles: ['auditor'] });
    const c = await signIn(u.username);
    const early = await c.post('/api/v1/auth/totp/confirm', { code: '123456' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');
    const { secret } = (await c.post('/api/v1/auth/totp/enrol')).body;
    await c.post('/api/v1/auth/totp/confirm', { code: codeFor(secret) });
    const again = await c.post('/api/v1/auth/totp/enrol');
    expect(again.status).toBe(409);
    expect((await storedUser(u.id)).totpSecret).toBe(secret);
  });

  it('refuses a malformed code by field', async () => {
    const u = await createUser(env.db, { roles: ['reviewer'] });
    const c = await signIn(u.username);
    await c.post('/api/v1/auth/totp/enrol');
    const res = await c.post('/api/v1/auth/totp/confirm', { code: '12ab56' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('code');
    expect((await storedUser(u.id)).totpEnabled).toBe(false);
  });
});

describe('signing in with a second factor', () => {
  it('blocks everything but the code until it is given, then opens the session', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    const blocked = await c.get('/api/v1/notifications/unread-count');
    expect(blocked.status).toBe(401);
    expect(blocked.body.error.code).toBe('MFA_REQUIRED');
    expect((await c.patch('/api/v1/me', { displayName: 'x' })).body.error.code).toBe('MFA_REQUIRED');

    const res = await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mfaPending: false, user: { id: u.id, totpEnabled: true } });
    expect(res.body.permissions.length).toBeGreaterThan(0);
    expect((await c.get('/api/v1/notifications/unread-count')).status).toBe(200);
    const again = await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) });
    expect(again.status).toBe(409);
  });

  it('never accepts the same code twice (replay)', async () => {
    const { u, secret } = await staffWithTotp();
    const code = codeFor(secret);
    const c = await pendingSignIn(u.username);
    expect((await c.post('/api/v1/auth/totp/verify', { code })).status).toBe(200);
    const other = await pendingSignIn(u.username);
    const replay = await other.post('/api/v1/auth/totp/verify', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('INVALID_MFA_CODE');
    env.clock.advance(30);
    expect((await other.post('/api/v1/auth/totp/verify', { code: codeFor(secret) })).status).toBe(200);
  });

  it('accepts the previous 30-second step but not an older one', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    const stale = await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret, -90) });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('INVALID_MFA_CODE');
    const drifted = await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret, -30) });
    expect(drifted.status).toBe(200);
  });

  it('follows the injected clock', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    const code = codeFor(secret);
    env.clock.advance(120);
    expect((await c.post('/api/v1/auth/totp/verify', { code })).status).toBe(401);
    expect((await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) })).status).toBe(200);
  });

  it('ends the session after five wrong codes; the user must sign in again', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await c.post('/api/v1/auth/totp/verify', { code: wrongCodeFor(secret) });
      statuses.push(`${r.status} ${r.body.error.code}`);
      if (i === 4) expect(r.body.error.message).toContain('重新登录');
    }
    expect(statuses).toEqual(Array(5).fill('401 INVALID_MFA_CODE'));
    expect(c.cookie).toBeNull();
    const fails = await env.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, u.id), eq(auditLog.action, 'auth.totp_verify')))
      .orderBy(desc(auditLog.seq));
    expect(fails).toHaveLength(5);
    expect(fails[0]!.changes).toMatchObject({ sessionEnded: true, failures: 5 });

    const c2 = await pendingSignIn(u.username);
    expect((await c2.post('/api/v1/auth/totp/verify', { code: codeFor(secret) })).status).toBe(200);
    expect((await env.db.select().from(sessions).where(eq(sessions.userId, u.id))).map((s) => s.mfaFailures)).toEqual([0]);
  });

  it('counts wrong codes per sign-in: four, then the right one, passes', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    for (let i = 0; i < 4; i++) await c.post('/api/v1/auth/totp/verify', { code: wrongCodeFor(secret) });
    expect((await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) })).status).toBe(200);
    // A later sign-in starts again from zero.
    env.clock.advance(30);
    const c2 = await pendingSignIn(u.username);
    for (let i = 0; i < 4; i++) expect((await c2.post('/api/v1/auth/totp/verify', { code: wrongCodeFor(secret) })).status).toBe(401);
    expect((await c2.post('/api/v1/auth/totp/verify', { code: codeFor(secret) })).status).toBe(200);
  });

  it('asks for the code before a forced password change', async () => {
    const { u, secret } = await staffWithTotp();
    await env.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, u.id));
    const c = await pendingSignIn(u.username);
    const res = await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) });
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await c.get('/api/v1/notifications')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('refuses a malformed code by field and an unsigned caller', async () => {
    const { u } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    const res = await c.post('/api/v1/auth/totp/verify', { code: '12345' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('code');
    expect((await new TestClient(env.app).post('/api/v1/auth/totp/verify', { code: '123456' })).status).toBe(401);
  });
});

describe('disabling', () => {
  it('needs a current code, then sign-in asks for none', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) });
    env.clock.advance(30);
    const wrong = await c.post('/api/v1/auth/totp/disable', { password: PASSWORD, code: wrongCodeFor(secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('code');
    expect((await storedUser(u.id)).totpEnabled).toBe(true);
    const ok = await c.post('/api/v1/auth/totp/disable', { password: PASSWORD, code: codeFor(secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(false);
    expect(await storedUser(u.id)).toMatchObject({ totpEnabled: false, totpSecret: null });
    const fresh = await signIn(u.username);
    expect((await fresh.get('/api/v1/session')).body.mfaPending).toBe(false);
    expect((await fresh.post('/api/v1/auth/totp/disable', { password: PASSWORD, code: '123456' })).status).toBe(409);
  });

  it('needs the password too: a wrong one is counted toward the lockout and the second factor stays on', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) });
    env.clock.advance(30);
    const missing = await c.post('/api/v1/auth/totp/disable', { code: codeFor(secret) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('password');
    const wrong = await c.post('/api/v1/auth/totp/disable', { password: 'not-the-password', code: codeFor(secret) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('password');
    expect(await storedUser(u.id)).toMatchObject({ totpEnabled: true, failedLoginCount: 1 });
  });

  it('cannot be done with an API token', async () => {
    const { u, secret } = await staffWithTotp();
    const c = await pendingSignIn(u.username);
    await c.post('/api/v1/auth/totp/verify', { code: codeFor(secret) });
    env.clock.advance(30);
    const { secret: bearer } = (await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'script' })).body;
    const res = await new TestClient(env.app).post('/api/v1/auth/totp/disable', { password: PASSWORD, code: codeFor(secret) }, { authorization: `Bearer ${bearer}` });
    expect(res.status).toBe(403);
    expect((await storedUser(u.id)).totpEnabled).toBe(true);
  });
});
