import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withTx } from '../../server/db/tx.js';
import { users } from '../../server/modules/identity/schema.js';
import { notify, notifyRole } from '../../server/modules/notifications/notify.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { renderNotification } from '../../server/modules/notifications/templates.js';
import { signIn, TestClient } from '../support/client.js';
import { createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

async function userWithInbox(kinds: string[]) {
  const u = await createUser(env.db, { roles: ['researcher'] });
  for (const kind of kinds) {
    await withTx(env.db, (tx) => notify(tx, { userIds: [u.id], kind, params: { organisationName: '凉州科技', note: '材料不全' }, link: '/console' }));
  }
  return u;
}

describe('listing notifications', () => {
  it('shows only the reader’s own notifications, newest first, rendered in their language', async () => {
    const u = await userWithInbox(['organisation.verified', 'organisation.rejected']);
    await userWithInbox(['organisation.verified']);
    const c = await signIn(env.app, u.username, PASSWORD);
    const res = await c.get('/api/v1/notifications');
    expect(res.status).toBe(200);
    expect(res.body.unreadCount).toBe(2);
    expect(res.body.items.map((n: { kind: string }) => n.kind)).toEqual(['organisation.rejected', 'organisation.verified']);
    const [rejected] = res.body.items;
    expect(rejected.title).toBe('机构审核未通过');
    expect(rejected.body).toContain('凉州科技');
    expect(rejected.body).toContain('材料不全');
    expect(rejected).toMatchObject({ link: '/console', readAt: null, params: { organisationName: '凉州科技' } });

    await env.db.update(users).set({ locale: 'en' }).where(eq(users.id, u.id));
    const en = await c.get('/api/v1/notifications');
    expect(en.body.items[0].title).toBe('Organisation not verified');
    expect(en.body.items[0].body).toContain('Note: 材料不全');
  });

  it('filters to unread ones and honours the limit', async () => {
    const u = await userWithInbox(['organisation.verified', 'account.locked', 'account.password_reset']);
    const c = await signIn(env.app, u.username, PASSWORD);
    const all = await c.get('/api/v1/notifications');
    await c.post(`/api/v1/notifications/${all.body.items[0].id}/read`);
    const unread = await c.get('/api/v1/notifications?unreadOnly=true');
    expect(unread.body.items).toHaveLength(2);
    expect(unread.body.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);
    const limited = await c.get('/api/v1/notifications?limit=1');
    expect(limited.body.items).toHaveLength(1);
    expect(limited.body.unreadCount).toBe(2);
  });

  it('refuses a bad limit with a field message', async () => {
    const u = await userWithInbox([]);
    const c = await signIn(env.app, u.username, PASSWORD);
    const res = await c.get('/api/v1/notifications?limit=1000');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('limit');
  });

  it('is closed to visitors', async () => {
    const anon = new TestClient(env.app);
    expect((await anon.get('/api/v1/notifications')).status).toBe(401);
    expect((await anon.get('/api/v1/notifications/unread-count')).status).toBe(401);
  });
});

describe('marking read', () => {
  it('counts unread, marks one read (keeping the first reading time) and then all', async () => {
    const u = await userWithInbox(['organisation.verified', 'account.locked', 'invitation.accepted']);
    const c = await signIn(env.app, u.username, PASSWORD);
    expect((await c.get('/api/v1/notifications/unread-count')).body).toEqual({ unreadCount: 3 });
    const { items } = (await c.get('/api/v1/notifications')).body;
    expect((await c.post(`/api/v1/notifications/${items[0].id}/read`)).body).toEqual({ ok: true });
    expect((await c.get('/api/v1/notifications/unread-count')).body.unreadCount).toBe(2);
    const firstRead = (await env.db.select().from(notifications).where(eq(notifications.id, items[0].id)))[0]!.readAt;
    env.clock.advance(60);
    await c.post(`/api/v1/notifications/${items[0].id}/read`);
    const again = (await env.db.select().from(notifications).where(eq(notifications.id, items[0].id)))[0]!.readAt;
    expect(again).toEqual(firstRead);
    expect((await c.post('/api/v1/notifications/read-all')).body).toEqual({ ok: true });
    expect((await c.get('/api/v1/notifications/unread-count')).body.unreadCount).toBe(0);
  });

  it('answers 404 for another user’s notification and leaves it unread', async () => {
    const owner = await userWithInbox(['organisation.verified']);
    const other = await userWithInbox(['organisation.verified']);
    const [theirs] = await env.db.select().from(notifications).where(eq(notifications.userId, owner.id));
    const c = await signIn(env.app, other.username, PASSWORD);
    const res = await c.post(`/api/v1/notifications/${theirs!.id}/read`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    await c.post('/api/v1/notifications/read-all');
    const [after] = await env.db.select().from(notifications).where(eq(notifications.id, theirs!.id));
    expect(after!.readAt).toBeNull();
  });

  it('refuses a malformed id with a field message', async () => {
    const u = await userWithInbox([]);
    const c = await signIn(env.app, u.username, PASSWORD);
    const res = await c.post('/api/v1/notifications/not-a-uuid/read');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('id');
  });

  it('refuses a write without the CSRF token', async () => {
    const u = await userWithInbox(['organisation.verified']);
    const c = await signIn(env.app, u.username, PASSWORD);
    const res = await c.post('/api/v1/notifications/read-all', {}, { 'x-csrf-token': 'wrong' });
    expect(res.status).toBe(403);
    expect((await c.get('/api/v1/notifications/unread-count')).body.unreadCount).toBe(1);
  });
});

describe('notify and notifyRole', () => {
  it('notifies every active holder of a role, and nobody else', async () => {
    const r1 = await createUser(env.db, { roles: ['reviewer'] });
    const r2 = await createUser(env.db, { roles: ['reviewer', 'bureau_admin'] });
    const disabled = await createUser(env.db, { roles: ['reviewer'], status: 'disabled' });
    const outsider = await createUser(env.db, { roles: ['researcher'] });
    await withTx(env.db, (tx) =>
      notifyRole(tx, 'reviewer', { kind: 'organisation.registered', params: { organisationName: '新机构' }, link: '/console/review' }),
    );
    const count = async (id: string) => (await env.db.select().from(notifications).where(eq(notifications.userId, id))).length;
    expect(await count(r1.id)).toBe(1);
    expect(await count(r2.id)).toBe(1);
    expect(await count(disabled.id)).toBe(0);
    expect(await count(outsider.id)).toBe(0);
    const c = await signIn(env.app, r1.username, PASSWORD);
    const [n] = (await c.get('/api/v1/notifications')).body.items;
    expect(n).toMatchObject({ title: '新机构待审核', link: '/console/review' });
    expect(n.body).toContain('新机构');
  });

  it('writes nothing when the transaction rolls back', async () => {
    const u = await createUser(env.db, { roles: ['researcher'] });
    await expect(
      withTx(env.db, async (tx) => {
        await notify(tx, { userIds: [u.id], kind: 'account.locked', params: {} });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await env.db.select().from(notifications).where(eq(notifications.userId, u.id))).toHaveLength(0);
  });
});

describe('templates', () => {
  const params = { organisationName: 'Org', note: 'N', username: 'alice' };
  it.each([
    'organisation.registered',
    'organisation.verified',
    'organisation.rejected',
    'invitation.accepted',
    'account.password_reset',
    'account.locked',
  ])('renders %s in Chinese and English', (kind) => {
    const zh = renderNotification(kind, params, 'zh-CN');
    const en = renderNotification(kind, params, 'en');
    expect(zh.title).toMatch(/[\u4e00-\u9fff]/);
    expect(en.title).toMatch(/^[\x20-\x7e]+$/);
    expect(zh.body.length).toBeGreaterThan(5);
    expect(en.body.length).toBeGreaterThan(5);
    expect(`${zh.body}${en.body}`).not.toContain('undefined');
  });

  it('falls back to a generic text for an unknown kind', () => {
    expect(renderNotification('something.new', {}, 'en')).toEqual({ title: 'Notification', body: 'You have a new notification (something.new).' });
    expect(renderNotification('something.new', {}, 'zh-CN').title).toBe('系统通知');
  });

  it('shows a missing parameter as empty, not "undefined"', () => {
    expect(renderNotification('organisation.verified', {}, 'en').body).not.toContain('undefined');
  });
});
