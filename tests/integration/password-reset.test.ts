import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/core/tokens.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { jobSchedules } from '../../server/core/jobs/schema.js';
import { passwordResetTokens, sessions, users } from '../../server/modules/identity/schema.js';
import { createSession } from '../../server/modules/identity/sessions.js';
import { mailOutbox } from '../../server/modules/mail/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const NEW_PASSWORD = 'Fresh-Start-42';

// Both endpoints are limited per IP, so each call comes from its own address
// unless a test is about the limit.
let ipCounter = 1;
async function post(url: string, payload: object, ip = `10.1.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`) {
  const res = await env.app.inject({ method: 'POST', url, payload, remoteAddress: ip });
  return { status: res.statusCode, body: res.json() };
}
const request = (email: string, ip?: string) => post('/api/v1/auth/password-reset/request', { email }, ip);
const confirm = (token: string, newPassword: string) => post('/api/v1/auth/password-reset/confirm', { token, newPassword });

async function mailsTo(address: string) {
  return env.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address)).orderBy(desc(mailOutbox.createdAt));
}

/** Ask for a reset and pull the token out of the e-mailed link. */
async function resetTokenFor(email: string): Promise<string> {
  expect((await request(email)).status).toBe(200);
  const [mail] = await mailsTo(email);
  const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail!.bodyText)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

async function lastAudit(action: string) {
  const [row] = await env.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

describe('requesting a reset', () => {
  it('e-mails a one-hour link to an active account, storing only the token’s hash', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const res = await request(u.email!.toUpperCase());
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const [mail] = await mailsTo(u.email!);
    expect(mail!.subject).toContain('重置密码');
    expect(mail!.subject).toContain('Reset your password');
    expect(mail!.bodyText).toContain('http://localhost:3000/reset-password?token=');
    expect(mail!.bodyText).toMatch(/[\u4e00-\u9fff]/);
    expect(mail!.bodyText).toContain('within one hour');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.bodyText)![1]!;
    const [stored] = await env.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, u.id));
    expect(stored!.tokenHash).toBe(sha256(token));
    expect(stored!.expiresAt.getTime() - env.clock.now().getTime()).toBe(3600_000);
    expect(await lastAudit('auth.password_reset_requested')).toMatchObject({ entityId: u.id, outcome: 'success' });
  });

  it('answers the same for unknown and disabled accounts, and sends nothing', async () => {
    const disabled = await createUser(env.db, { roles: ['researcher'], status: 'disabled' });
    const unknown = await request('nobody-here@example.test');
    const off = await request(disabled.email!);
    expect(unknown).toEqual({ status: 200, body: { ok: true } });
    expect(off).toEqual({ status: 200, body: { ok: true } });
    expect(await mailsTo('nobody-here@example.test')).toHaveLength(0);
    expect(await mailsTo(disabled.email!)).toHaveLength(0);
    expect(await env.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, disabled.id))).toHaveLength(0);
    const audit = await lastAudit('auth.password_reset_requested');
    expect(audit).toMatchObject({ outcome: 'failure', entityId: null });
    expect(JSON.stringify(audit!.changes)).not.toContain(disabled.email!);
  });

  it('refuses a malformed e-mail address with a field message', async () => {
    const res = await request('not-an-address');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('email');
  });

  it('allows five requests a minute from one address', async () => {
    const results: number[] = [];
    for (let i = 0; i < 6; i++) results.push((await request(`limit-${i}@example.test`, '10.9.9.9')).status);
    expect(results).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('confirming a reset', () => {
  it('sets the password, clears lock and forced change, ends sessions, voids other links and tells the user', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const before = await signIn(env.app, u.username, PASSWORD);
    const older = await resetTokenFor(u.email!);
    const token = await resetTokenFor(u.email!);
    await env.db.update(users).set({ mustChangePassword: true, failedLoginCount: 3, lockedUntil: new Date(env.clock.now().getTime() + 600_000) }).where(eq(users.id, u.id));

    expect(await confirm(token, NEW_PASSWORD)).toEqual({ status: 200, body: { ok: true } });

    const [row] = await env.db.select().from(users).where(eq(users.id, u.id));
    expect(row).toMatchObject({ mustChangePassword: false, failedLoginCount: 0, lockedUntil: null });
    expect((await before.get('/api/v1/notifications/unread-count')).status).toBe(401);
    const bad = await new TestClient(env.app).post('/api/v1/auth/login', { username: u.username, password: PASSWORD });
    expect(bad.status).toBe(401);
    const after = await signIn(env.app, u.username, NEW_PASSWORD);
    const inbox = await after.get('/api/v1/notifications');
    expect(inbox.body.items[0]).toMatchObject({ kind: 'account.password_reset', title: '密码已重置' });

    const again = await confirm(token, 'Another-Pass-77');
    expect(again.status).toBe(400);
    expect(again.body.error.fields[0].path).toBe('token');
    expect((await confirm(older, 'Another-Pass-77')).status).toBe(400);
    const audit = await lastAudit('auth.password_reset');
    expect(audit).toMatchObject({ entityId: u.id, actorUserId: u.id });
    expect(JSON.stringify(audit!.changes)).not.toContain(NEW_PASSWORD);
    expect(await env.db.select().from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'account.password_reset')))).toHaveLength(1);
  });

  it('refuses an expired link and changes nothing', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const token = await resetTokenFor(u.email!);
    env.clock.advance(3600);
    const res = await confirm(token, NEW_PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields[0]).toMatchObject({ path: 'token' });
    expect(res.body.error.fields[0].message).toContain('过期');
    await signIn(env.app, u.username, PASSWORD);
  });

  it('refuses an unknown token in the caller’s language', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: 'x'.repeat(43), newPassword: NEW_PASSWORD },
      headers: { 'accept-language': 'en' },
      remoteAddress: '10.8.0.1',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toEqual({ path: 'token', message: 'This reset link is invalid, already used or expired; request a new one.' });
  });

  it('refuses a weak password by field, and the link still works afterwards', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const token = await resetTokenFor(u.email!);
    const weak = await confirm(token, 'short');
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('newPassword');
    await signIn(env.app, u.username, PASSWORD);
    expect((await confirm(token, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses a token of the wrong shape by field', async () => {
    const res = await confirm('short', NEW_PASSWORD);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('token');
  });
});

describe('hourly identity housekeeping', () => {
  it('purges sessions past their end and reset tokens expired over a day ago', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    const old = await createSession(env.db, { userId: u.id, roles: u.roles, mfaPending: false, ip: null, userAgent: null, now: new Date('2020-01-01T00:00:00Z') });
    const live = await createSession(env.db, { userId: u.id, roles: u.roles, mfaPending: false, ip: null, userAgent: null, now: new Date('2099-01-01T00:00:00Z') });
    await env.db.insert(passwordResetTokens).values([
      { tokenHash: sha256('stale'), userId: u.id, expiresAt: new Date('2020-01-01T00:00:00Z') },
      { tokenHash: sha256('fresh'), userId: u.id, expiresAt: new Date('2099-01-01T00:00:00Z') },
    ]);
    await env.drainJobs();
    const left = await env.db.select().from(sessions).where(eq(sessions.userId, u.id));
    expect(left.map((s) => s.id)).toEqual([live.session.id]);
    expect(left.some((s) => s.id === old.session.id)).toBe(false);
    const tokens = await env.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, u.id));
    expect(tokens.map((t) => t.tokenHash)).toEqual([sha256('fresh')]);
    const [schedule] = await env.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'identity.purge_expired_sessions'));
    expect(schedule!.nextRunAt.getTime() - env.clock.now().getTime()).toBe(3600_000);
  });
});
