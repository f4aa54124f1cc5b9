import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { users } from '../../server/modules/identity/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

async function me() {
  const u = await createUser(env.db, { roles: ['enterprise_member'] });
  return { u, c: await signIn(env.app, u.username, PASSWORD) };
}

async function stored(id: string) {
  return (await env.db.select().from(users).where(eq(users.id, id)))[0]!;
}

describe('PATCH /api/v1/me', () => {
  it('updates name, e-mail, phone and language and returns the fresh session view', async () => {
    const { u, c } = await me();
    const res = await c.patch('/api/v1/me', { displayName: '  张三  ', email: 'Zhang.San@Example.TEST', phone: '+86-138-0000-1234', locale: 'en', currentPassword: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ displayName: '张三', email: 'zhang.san@example.test', phone: '+86-138-0000-1234', locale: 'en' });
    expect(res.body.csrfToken).toBe(c.csrf);
    expect(await stored(u.id)).toMatchObject({ displayName: '张三', email: 'zhang.san@example.test', locale: 'en' });
    // The new language applies to the next answers.
    const err = await c.patch('/api/v1/me', { displayName: '' });
    expect(err.body.error.message).toBe('Some fields are invalid; see the marked fields.');
  });

  it('changes only the fields sent, and clears e-mail or phone with null', async () => {
    const { u, c } = await me();
    await c.patch('/api/v1/me', { phone: '13800001111' });
    const res = await c.patch('/api/v1/me', { email: null });
    expect(res.status).toBe(200);
    expect(await stored(u.id)).toMatchObject({ email: null, phone: '13800001111', displayName: u.displayName });
    await c.patch('/api/v1/me', { phone: null });
    expect((await stored(u.id)).phone).toBeNull();
  });

  it('audits the change with personal identifiers masked', async () => {
    const { u, c } = await me();
    await c.patch('/api/v1/me', { phone: '13912345678', displayName: 'Audited' });
    const [row] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'user.update_profile')).orderBy(desc(auditLog.seq)).limit(1);
    expect(row).toMatchObject({ entityId: u.id, actorUserId: u.id });
    const changes = row!.changes as Record<string, { before: unknown; after: unknown }>;
    expect(changes.displayName).toEqual({ before: u.displayName, after: 'Audited' });
    expect(changes.phone!.after).not.toBe('13912345678');
    expect(JSON.stringify(changes)).not.toContain('13912345678');
    expect(changes.locale).toBeUndefined();
  });

  it('writes no audit row when nothing changes', async () => {
    const { u, c } = await me();
    const before = await env.db.select().from(auditLog).where(eq(auditLog.entityId, u.id));
    expect((await c.patch('/api/v1/me', { locale: 'zh-CN' })).status).toBe(200);
    const after = await env.db.select().from(auditLog).where(eq(auditLog.entityId, u.id));
    expect(after.length).toBe(before.length);
  });

  it('refuses an e-mail another account uses (in any letter case) and changes nothing', async () => {
    const other = await createUser(env.db, { roles: ['researcher'] });
    const { u, c } = await me();
    const res = await c.patch('/api/v1/me', { displayName: 'Should not stick', email: other.email!.toUpperCase(), currentPassword: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'email', message: '该邮箱已被其他账号使用' }]);
    expect(await stored(u.id)).toMatchObject({ email: u.email, displayName: u.displayName });
  });

  it('keeps one’s own e-mail when sent again', async () => {
    const { u, c } = await me();
    expect((await c.patch('/api/v1/me', { email: u.email })).status).toBe(200);
  });

  it.each([
    [{ displayName: '' }, 'displayName'],
    [{ displayName: 'x'.repeat(61) }, 'displayName'],
    [{ email: 'not-an-email' }, 'email'],
    [{ phone: 'call me' }, 'phone'],
    [{ locale: 'fr' }, 'locale'],
  ])('refuses %o by field %s and changes nothing', async (body, field) => {
    const { u, c } = await me();
    const res = await c.patch('/api/v1/me', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe(field);
    expect(await stored(u.id)).toMatchObject({ displayName: u.displayName, email: u.email, phone: null, locale: 'zh-CN' });
  });

  it('a new e-mail address needs the current password, counted toward the lockout; without it or with a wrong one nothing changes', async () => {
    const { u, c } = await me();
    const unchanged = async () => expect(await stored(u.id)).toMatchObject({ email: u.email, displayName: u.displayName });
    const missing = await c.patch('/api/v1/me', { displayName: 'Taken over', email: 'thief@example.test' });
    expect([missing.status, missing.body.error.fields]).toEqual([400, [{ path: 'currentPassword', message: '修改电子邮箱需要输入当前密码' }]]);
    await unchanged();
    const wrong = await c.patch('/api/v1/me', { displayName: 'Taken over', email: 'thief@example.test', currentPassword: 'Wrong-pass-1' });
    expect([wrong.status, wrong.body.error.fields[0].path]).toEqual([400, 'currentPassword']);
    expect(wrong.body.error.fields[0].message).toContain('再输错 4 次');
    await unchanged();
    expect((await stored(u.id)).failedLoginCount).toBe(1);
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'user.update_profile')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ entityId: u.id, outcome: 'failure', changes: { reason: 'wrong_password', failures: 1 } });
    // Four more wrong passwords lock the account; then even the right one is refused.
    for (let i = 0; i < 4; i++) await c.patch('/api/v1/me', { email: 'thief@example.test', currentPassword: `Wrong-pass-${i + 2}` });
    const locked = await c.patch('/api/v1/me', { email: 'thief@example.test', currentPassword: PASSWORD });
    expect([locked.status, locked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    await unchanged();
    // Name, phone and language, the same address again (in any case) or none at all need no password.
    expect((await c.patch('/api/v1/me', { displayName: '新名字', phone: '13800001111', locale: 'zh-CN', email: u.email!.toUpperCase() })).status).toBe(200);
    expect((await c.patch('/api/v1/me', { email: null })).status).toBe(200);
    expect(await stored(u.id)).toMatchObject({ displayName: '新名字', email: null });
    env.clock.advance(15 * 60 + 1);
    const ok = await c.patch('/api/v1/me', { email: 'mine@example.test', currentPassword: PASSWORD });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(await stored(u.id)).toMatchObject({ email: 'mine@example.test', failedLoginCount: 0 });
  });

  it('is closed to visitors', async () => {
    expect((await new TestClient(env.app).patch('/api/v1/me', { displayName: 'x' })).status).toBe(401);
  });
});
