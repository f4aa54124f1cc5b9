import { and, desc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { users } from '../../server/modules/identity/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { TestClient } from '../support/client.js';
import { createUser, makeCreditCode } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

let n = 0;
let ip = 1;

function validBody(over: { organisation?: Record<string, unknown>; user?: Record<string, unknown> } = {}) {
  n++;
  const username = `reg${Date.now().toString(36)}${n}`;
  return {
    organisation: { type: 'enterprise', name: `凉州测试企业${n}`, creditCode: makeCreditCode(), ...over.organisation },
    user: { username, displayName: '张三', email: `${username}@example.test`, password: 'Strong#Pass42', ...over.user },
  };
}

/**
 * POST /register from its own address: registration is rate-limited per
 * client address, and these tests register more often than a person would.
 */
async function register(body: unknown, remoteAddress = `10.1.0.${ip++}`) {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/register', payload: body as object, remoteAddress });
  const c = new TestClient(env.app);
  const setCookie = res.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (first && /cg_session=/.test(first)) c.cookie = first.split(';')[0]!;
  const parsed = res.json();
  c.csrf = parsed.csrfToken ?? null;
  return { status: res.statusCode, body: parsed, client: c };
}

async function counts() {
  const [o] = await env.db.select({ n: sql<number>`count(*)::int` }).from(organisations);
  const [u] = await env.db.select({ n: sql<number>`count(*)::int` }).from(users);
  return { orgs: o!.n, users: u!.n };
}

/** Asserts the request was refused with `status` naming `path`, and that nothing was created. */
async function expectRefused(body: unknown, status: number, path: string) {
  const before = await counts();
  const res = await register(body);
  expect(res.status).toBe(status);
  expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
  expect(res.client.cookie).toBeNull();
  expect(await counts()).toEqual(before);
  return res;
}

describe('self-registration', () => {
  it('creates a pending organisation and its administrator, signs them in, audits and tells the reviewers', async () => {
    const reviewer = await createUser(env.db, { roles: ['reviewer'] });
    const body = validBody();
    const res = await register(body);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(body.user.username);
    expect(res.body.user.roles).toEqual(expect.arrayContaining(['org_admin', 'enterprise_member']));
    expect(res.body.user.organisation).toMatchObject({ name: body.organisation.name, verificationStatus: 'pending' });
    expect(res.body.csrfToken).toBeTruthy();

    // The cookie is a working session: the member sees their own pending organisation.
    const session = await res.client.get('/api/v1/session');
    expect(session.body.user.username).toBe(body.user.username);
    const orgId = res.body.user.organisation.id;
    const own = await res.client.get(`/api/v1/organisations/${orgId}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ verificationStatus: 'pending', creditCode: body.organisation.creditCode, contactEmail: body.user.email });
    expect(own.body.actions).toEqual(expect.arrayContaining(['update', 'read_members']));
    expect(own.body.actions).not.toContain('invite');

    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'organisation.register')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ entityId: orgId, outcome: 'success' });
    expect(JSON.stringify(audit!.changes)).not.toContain('Strong#Pass42');

    await env.drainJobs();
    const notes = await env.db.select().from(notifications).where(eq(notifications.userId, reviewer.id));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'organisation.registered', params: { organisationName: body.organisation.name } });
  });

  it('gives researchers of a research institute the researcher role', async () => {
    const res = await register(validBody({ organisation: { type: 'research_institute' } }));
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(expect.arrayContaining(['org_admin', 'researcher']));
  });

  it('accepts a lower-case credit code and stores it upper-cased', async () => {
    const code = makeCreditCode();
    const res = await register(validBody({ organisation: { creditCode: code.toLowerCase() } }));
    expect(res.status).toBe(200);
    const [org] = await env.db.select().from(organisations).where(eq(organisations.id, res.body.user.organisation.id));
    expect(org!.creditCode).toBe(code);
  });

  it('refuses a credit code of the wrong length', async () => {
    const res = await expectRefused(validBody({ organisation: { creditCode: '91620602123' } }), 400, 'organisation.creditCode');
    expect(res.body.error.fields[0].message).toMatch(/18/);
  });

  it('refuses a credit code with letters the standard does not use', async () => {
    const valid = makeCreditCode();
    await expectRefused(validBody({ organisation: { creditCode: `${valid.slice(0, 10)}O${valid.slice(11)}` } }), 400, 'organisation.creditCode');
  });

  it('refuses a credit code whose check character is wrong, in the caller’s language', async () => {
    const valid = makeCreditCode();
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const before = await counts();
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/register',
      payload: validBody({ organisation: { creditCode: wrong } }),
      headers: { 'accept-language': 'en' },
      remoteAddress: `10.1.1.${ip++}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'organisation.creditCode', message: expect.stringMatching(/check character/) }]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a credit code that is already registered', async () => {
    const first = validBody();
    expect((await register(first)).status).toBe(200);
    const res = await expectRefused(validBody({ organisation: { creditCode: first.organisation.creditCode } }), 409, 'organisation.creditCode');
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('refuses a username or e-mail another account uses', async () => {
    const existing = await createUser(env.db, { roles: ['researcher'] });
    await expectRefused(validBody({ user: { username: existing.username } }), 409, 'user.username');
    await expectRefused(validBody({ user: { email: existing.email!.toUpperCase() } }), 409, 'user.email');
  });

  it('refuses a password that breaks the policy', async () => {
    await expectRefused(validBody({ user: { password: 'password1' } }), 400, 'user.password');
    await expectRefused(validBody({ user: { password: 'abcdefgh' } }), 400, 'user.password');
  });

  it('refuses government unit types, which the bureau sets up', async () => {
    await expectRefused(validBody({ organisation: { type: 'gov_department' } }), 400, 'organisation.type');
    await expectRefused(validBody({ organisation: { type: 'township' } }), 400, 'organisation.type');
  });

  it('names every bad field at once', async () => {
    const res = await expectRefused(validBody({ organisation: { creditCode: 'ABC' }, user: { password: 'short' } }), 400, 'organisation.creditCode');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('user.password');
  });

  it('refuses malformed input by zod with the field named', async () => {
    await expectRefused(validBody({ user: { email: 'not-an-email' } }), 400, 'user.email');
  });

  it('limits registrations per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await register({}, '10.9.9.9')).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('leaves no account behind when the organisation insert is refused', async () => {
    const body = validBody();
    expect((await register(body)).status).toBe(200);
    const again = validBody({ organisation: { creditCode: body.organisation.creditCode } });
    await expectRefused(again, 409, 'organisation.creditCode');
    const rows = await env.db.select().from(users).where(and(eq(users.username, again.user.username)));
    expect(rows).toHaveLength(0);
  });
});
