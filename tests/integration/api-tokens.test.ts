import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../server/core/tokens.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { MAX_API_TOKENS } from '../../server/modules/identity/api-tokens.js';
import { apiTokens, users } from '../../server/modules/identity/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

async function owner() {
  const u = await createUser(env.db, { roles: ['researcher'] });
  return { u, c: await signIn(env.app, u.username, PASSWORD) };
}

function bearer(secret: string): TestClient {
  const c = new TestClient(env.app);
  c.headers = { authorization: `Bearer ${secret}` };
  return c;
}

async function tokensOf(userId: string) {
  return env.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
}

describe('creating and listing tokens', () => {
  it('shows the secret once and stores only its hash and prefix', async () => {
    const { u, c } = await owner();
    const res = await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'CI export', expiresInDays: 30 });
    expect(res.status).toBe(200);
    const { token, secret } = res.body;
    expect(secret).toMatch(/^cg_[A-Za-z0-9_-]{40,}$/);
    expect(token).toMatchObject({ name: 'CI export', prefix: secret.slice(0, 8), lastUsedAt: null });
    expect(Date.parse(token.expiresAt) - env.clock.now().getTime()).toBe(30 * 86_400_000);
    const [row] = await tokensOf(u.id);
    expect(row!.tokenHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(8));
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'api_token.create')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit!.entityId).toBe(token.id);
    expect(JSON.stringify(audit!.changes)).not.toContain(secret.slice(8));

    const list = await c.get('/api/v1/me/tokens');
    expect(list.body.items).toEqual([token]);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(8));
  });

  it('lists only the caller’s own tokens, newest first', async () => {
    const a = await owner();
    const b = await owner();
    await a.c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'first' });
    env.clock.advance(5);
    await a.c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'second' });
    await b.c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'not yours' });
    const list = await a.c.get('/api/v1/me/tokens');
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['second', 'first']);
  });

  it('refuses bad input by field and creates nothing', async () => {
    const { u, c } = await owner();
    const noName = await c.post('/api/v1/me/tokens', { password: PASSWORD, name: '  ' });
    expect(noName.status).toBe(400);
    expect(noName.body.error.fields[0].path).toBe('name');
    const tooLong = await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'x', expiresInDays: 0 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields[0].path).toBe('expiresInDays');
    expect(await tokensOf(u.id)).toHaveLength(0);
  });

  it('needs the owner\'s password, counts a wrong one toward the sign-in lockout, and creates nothing without it', async () => {
    const { u, c } = await owner();
    const missing = await c.post('/api/v1/me/tokens', { name: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('password');
    const wrong = await c.post('/api/v1/me/tokens', { password: 'not-the-password', name: 'x' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields[0].path).toBe('password');
    const [after] = await env.db.select({ failed: users.failedLoginCount }).from(users).where(eq(users.id, u.id));
    expect(after!.failed).toBe(1);
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'api_token.create')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ entityId: u.id, outcome: 'failure' });
    for (let i = 0; i < 4; i++) await c.post('/api/v1/me/tokens', { password: 'not-the-password', name: 'x' });
    const locked = await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'x' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(await tokensOf(u.id)).toHaveLength(0);
  });

  it(`keeps at most ${MAX_API_TOKENS} active tokens per user`, async () => {
    const { u, c } = await owner();
    await env.db.insert(apiTokens).values(
      Array.from({ length: MAX_API_TOKENS }, (_, i) => ({ userId: u.id, name: `t${i}`, prefix: 'cg_xxxxx', tokenHash: sha256(`${u.id}-${i}`) })),
    );
    const res = await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'one too many' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('name');
    expect(await tokensOf(u.id)).toHaveLength(MAX_API_TOKENS);
  });

  it('is closed to visitors', async () => {
    const anon = new TestClient(env.app);
    expect((await anon.get('/api/v1/me/tokens')).status).toBe(401);
    expect((await anon.post('/api/v1/me/tokens', { password: PASSWORD, name: 'x' })).status).toBe(401);
  });
});

describe('using a token', () => {
  it('reads and writes as its owner without a CSRF token, and records its use', async () => {
    const { u, c } = await owner();
    const { secret, token } = (await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'script' })).body;
    const api = bearer(secret);
    const read = await api.get('/api/v1/notifications/unread-count');
    expect(read.status).toBe(200);
    expect((await api.get('/api/v1/me/tokens')).body.items[0].id).toBe(token.id);
    const session = await api.get('/api/v1/session');
    expect(session.body).toMatchObject({ user: { id: u.id }, csrfToken: null, mfaPending: false });
    expect(session.body.permissions).toContain('update:user:own');
    const write = await api.patch('/api/v1/me', { displayName: 'Script-changed name' });
    expect(write.status).toBe(200);
    expect(write.body.user.displayName).toBe('Script-changed name');
    expect(write.body.csrfToken).toBeNull();
    expect((await api.post('/api/v1/notifications/read-all')).status).toBe(200);
    const [row] = await tokensOf(u.id);
    expect(row!.lastUsedAt).not.toBeNull();
  });

  it('still needs the CSRF token for cookie sessions', async () => {
    const { u, c } = await owner();
    const res = await c.patch('/api/v1/me', { displayName: 'Forged' }, { 'x-csrf-token': '' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
    expect((await env.db.select().from(users).where(eq(users.id, u.id)))[0]!.displayName).not.toBe('Forged');
  });

  it('refuses an expired token', async () => {
    const { c } = await owner();
    const { secret } = (await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'short-lived', expiresInDays: 1 })).body;
    expect((await bearer(secret).get('/api/v1/notifications/unread-count')).status).toBe(200);
    env.clock.advance(86_400);
    const res = await bearer(secret).get('/api/v1/notifications/unread-count');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown token and the token of a disabled user', async () => {
    expect((await bearer('cg_not-a-real-token-at-all').get('/api/v1/notifications/unread-count')).status).toBe(401);
    const { u, c } = await owner();
    const { secret } = (await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'x' })).body;
    await env.db.update(users).set({ status: 'disabled' }).where(eq(users.id, u.id));
    expect((await bearer(secret).get('/api/v1/notifications/unread-count')).status).toBe(401);
  });

  it('cannot mint or revoke tokens (only a signed-in browser can)', async () => {
    const { u, c } = await owner();
    const { secret, token } = (await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'x' })).body;
    const mint = await bearer(secret).post('/api/v1/me/tokens', { password: PASSWORD, name: 'more' });
    expect(mint.status).toBe(403);
    expect((await bearer(secret).delete(`/api/v1/me/tokens/${token.id}`)).status).toBe(403);
    expect(await tokensOf(u.id)).toHaveLength(1);
  });
});

describe('revoking', () => {
  it('revokes one’s own token, which then stops working and leaves the list', async () => {
    const { c } = await owner();
    const { secret, token } = (await c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'x' })).body;
    expect((await c.delete(`/api/v1/me/tokens/${token.id}`)).body).toEqual({ ok: true });
    expect((await bearer(secret).get('/api/v1/notifications/unread-count')).status).toBe(401);
    expect((await c.get('/api/v1/me/tokens')).body.items).toEqual([]);
    expect((await c.delete(`/api/v1/me/tokens/${token.id}`)).status).toBe(404);
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'api_token.revoke')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit!.entityId).toBe(token.id);
  });

  it('answers 404 for another user’s token, which keeps working', async () => {
    const a = await owner();
    const b = await owner();
    const { secret, token } = (await a.c.post('/api/v1/me/tokens', { password: PASSWORD, name: 'a' })).body;
    const res = await b.c.delete(`/api/v1/me/tokens/${token.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await bearer(secret).get('/api/v1/notifications/unread-count')).status).toBe(200);
  });

  it('refuses a malformed id by field', async () => {
    const { c } = await owner();
    const res = await c.delete('/api/v1/me/tokens/123');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('id');
  });
});
