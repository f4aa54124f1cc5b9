import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { invitations, users } from '../../server/modules/identity/schema.js';
import { mailOutbox } from '../../server/modules/mail/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

const fresh = () => new TestClient(env.app);
const signInFresh = (username: string, password = PASSWORD) => signIn(env.app, username, password);

async function verifiedOrgWithAdmin(status: 'verified' | 'pending' = 'verified') {
  const org = await createOrg(env.db, { status });
  const admin = await createUser(env.db, { roles: ['org_admin', 'enterprise_member'], organisationId: org.id });
  return { org, admin, client: await signInFresh(admin.username) };
}

let n = 0;
const newEmail = () => `invitee${Date.now().toString(36)}${n++}@example.test`;

/** The token in the invitation e-mail sent to `email` (the only place it exists). */
async function tokenMailedTo(email: string): Promise<string> {
  const [mail] = await env.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(desc(mailOutbox.createdAt)).limit(1);
  expect(mail).toBeTruthy();
  const m = /\/invite\/([A-Za-z0-9_-]{40,})/.exec(mail!.bodyText);
  expect(m).toBeTruthy();
  return m![1]!;
}

describe('invitations', () => {
  it('runs the full cycle: invite, e-mail with link, preview, accept, sign in as a member with the roles', async () => {
    const { org, admin, client } = await verifiedOrgWithAdmin();
    const email = newEmail();
    const res = await client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['researcher', 'broker'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email, roles: ['researcher', 'broker'], acceptedAt: null, revokedAt: null });
    expect(Date.parse(res.body.expiresAt) - env.clock.now().getTime()).toBe(7 * 86_400_000);

    const token = await tokenMailedTo(email);
    const [stored] = await env.db.select().from(invitations).where(eq(invitations.id, res.body.id));
    expect(stored!.tokenHash).not.toContain(token);
    const [mail] = await env.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    expect(mail!.bodyText).toContain(`${env.app.deps.config.publicUrl}/invite/${token}`);
    expect(mail!.subject).toContain(org.name);

    const preview = await fresh().get(`/api/v1/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ organisationName: org.name, email, roles: ['researcher', 'broker'] });

    const accept = await fresh().post(`/api/v1/invitations/${token}/accept`, { username: `inv${n}x${Date.now() % 100000}`, displayName: '李四', password: 'Invited#Pass7' });
    expect(accept.status).toBe(200);
    const [created] = await env.db.select().from(users).where(eq(users.email, email));
    expect(created).toMatchObject({ organisationId: org.id, status: 'active', mustChangePassword: false });
    const member = await signInFresh(created!.username, 'Invited#Pass7');
    const session = await member.get('/api/v1/session');
    expect(session.body.user.roles).toEqual(['broker', 'researcher']);
    expect(session.body.user.organisation.id).toBe(org.id);

    const list = await client.get(`/api/v1/organisations/${org.id}/invitations`);
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, acceptedAt: expect.any(String) });
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.action, 'invitation.accept')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ entityId: res.body.id, actorUserId: created!.id });
    const notes = await env.db.select().from(notifications).where(eq(notifications.userId, admin.id));
    expect(notes.map((x) => x.kind)).toContain('invitation.accepted');

    const reuse = await fresh().post(`/api/v1/invitations/${token}/accept`, { username: 'another-one', displayName: '王五', password: 'Invited#Pass7' });
    expect(reuse.status).toBe(409);
    expect(reuse.body.error.code).toBe('INVALID_STATE');
    expect((await fresh().get(`/api/v1/invitations/${token}`)).status).toBe(409);
  });

  it('refuses a weak password or a taken username on acceptance, creating nothing and keeping the link usable', async () => {
    const { org, client } = await verifiedOrgWithAdmin();
    const email = newEmail();
    await client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['enterprise_member'] });
    const token = await tokenMailedTo(email);
    const weak = await fresh().post(`/api/v1/invitations/${token}/accept`, { username: `weak${n++}${Date.now() % 1000}`, displayName: '赵六', password: 'password1' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].path).toBe('password');
    const taken = await createUser(env.db, { roles: ['researcher'] });
    const dup = await fresh().post(`/api/v1/invitations/${token}/accept`, { username: taken.username, displayName: '赵六', password: 'Invited#Pass7' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields[0].path).toBe('username');
    expect(await env.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect((await fresh().get(`/api/v1/invitations/${token}`)).status).toBe(200);
  });

  it('stops a revoked invitation from working, and cannot revoke twice', async () => {
    const { org, client } = await verifiedOrgWithAdmin();
    const email = newEmail();
    const inv = await client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['enterprise_member'] });
    const token = await tokenMailedTo(email);
    const revoke = await client.delete(`/api/v1/organisations/${org.id}/invitations/${inv.body.id}`);
    expect(revoke.status).toBe(200);
    const preview = await fresh().get(`/api/v1/invitations/${token}`);
    expect(preview.status).toBe(409);
    expect(preview.body.error.message).toMatch(/撤销/);
    const accept = await fresh().post(`/api/v1/invitations/${token}/accept`, { username: `rev${n++}${Date.now() % 1000}`, displayName: '孙七', password: 'Invited#Pass7' });
    expect(accept.status).toBe(409);
    expect(await env.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect((await client.delete(`/api/v1/organisations/${org.id}/invitations/${inv.body.id}`)).status).toBe(409);
  });

  it('expires an invitation after seven days', async () => {
    const { org, client } = await verifiedOrgWithAdmin();
    const email = newEmail();
    await client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['enterprise_member'] });
    const token = await tokenMailedTo(email);
    env.clock.advance(7 * 86_400 - 60);
    expect((await fresh().get(`/api/v1/invitations/${token}`)).status).toBe(200);
    env.clock.advance(61);
    const expired = await fresh().get(`/api/v1/invitations/${token}`);
    expect(expired.status).toBe(409);
    expect(expired.body.error.message).toMatch(/过期/);
    const accept = await fresh().post(`/api/v1/invitations/${token}/accept`, { username: `exp${n++}${Date.now() % 1000}`, displayName: '周八', password: 'Invited#Pass7' });
    expect(accept.status).toBe(409);
    expect(await env.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it('answers 404 for an unknown token', async () => {
    expect((await fresh().get(`/api/v1/invitations/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('refuses invitations from an unverified organisation', async () => {
    const { org, client } = await verifiedOrgWithAdmin('pending');
    const email = newEmail();
    const res = await client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['enterprise_member'] });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ORG_NOT_VERIFIED');
    expect(await env.db.select().from(invitations).where(eq(invitations.organisationId, org.id))).toHaveLength(0);
    expect(await env.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email))).toHaveLength(0);
  });

  it('refuses other organisations’ administrators, plain members and staff roles in the invitation', async () => {
    const { org, client } = await verifiedOrgWithAdmin();
    const other = await verifiedOrgWithAdmin();
    const email = newEmail();
    expect((await other.client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['enterprise_member'] })).status).toBe(403);
    expect((await other.client.get(`/api/v1/organisations/${org.id}/invitations`)).status).toBe(403);
    const member = await createUser(env.db, { roles: ['enterprise_member'], organisationId: org.id });
    const memberClient = await signInFresh(member.username);
    expect((await memberClient.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['enterprise_member'] })).status).toBe(403);
    const staff = await client.post(`/api/v1/organisations/${org.id}/invitations`, { email, roles: ['sys_admin'] });
    expect(staff.status).toBe(400);
    expect(staff.body.error.fields[0].path).toMatch(/^roles/);
    expect(await env.db.select().from(invitations).where(and(eq(invitations.organisationId, org.id), eq(invitations.email, email)))).toHaveLength(0);
  });

  it('refuses to invite an e-mail that already has an account', async () => {
    const { org, client } = await verifiedOrgWithAdmin();
    const existing = await createUser(env.db, { roles: ['researcher'] });
    const res = await client.post(`/api/v1/organisations/${org.id}/invitations`, { email: existing.email, roles: ['enterprise_member'] });
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('email');
  });
});
