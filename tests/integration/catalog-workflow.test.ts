import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { achievements } from '../../server/modules/catalog/schema.js';
import { jobs } from '../../server/core/jobs/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { createOrg, createUser } from '../support/factories.js';
import { TestClient } from '../support/client.js';
import { setupTestEnv } from '../support/harness.js';
import { ACHIEVEMENT, CHECKLIST, achievementRow, auditFor, member, revisionsOf, staff } from './catalog-fixtures.js';

const env = await setupTestEnv();
const anon = new TestClient(env.app);

/** A draft created through the API by a fresh member of a fresh verified organisation. */
async function draft(content: Record<string, unknown> = ACHIEVEMENT, opts: Parameters<typeof member>[1] = {}) {
  const m = await member(env, opts);
  const res = await m.client.post('/api/v1/achievements', content);
  expect(res.status).toBe(200);
  return { ...m, id: res.body.id as string, record: res.body };
}

async function publish(id: string, owner: Awaited<ReturnType<typeof draft>>['client'], reviewer = staff(env)) {
  const sub = await owner.post(`/api/v1/achievements/${id}/submit`);
  expect(sub.status).toBe(200);
  const r = await reviewer;
  const approve = await r.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/approve`, { checklist: CHECKLIST });
  expect(approve.status).toBe(200);
  return r;
}

describe('drafting', () => {
  it('creates revision 1 as a draft whose content the record columns mirror, with its quality and actions, audited', async () => {
    const { id, record, organisationId } = await draft();
    expect(record).toMatchObject({
      kind: 'achievement',
      status: 'draft',
      organisation: { id: organisationId },
      publishedAt: null,
      published: null,
      pending: { number: 1, status: 'draft' },
      quality: { score: 100, missing: [] },
    });
    expect(record.working.title).toBe(ACHIEVEMENT.title);
    expect(record.actions).toEqual(['update', 'submit', 'discard_draft']);
    const row = await achievementRow(env, id);
    expect(row).toMatchObject({
      status: 'draft',
      title: ACHIEVEMENT.title,
      trl: 7,
      stage: 'mature',
      transferModes: ['license'],
      ipTypes: ['invention-patent'],
      priceFen: 8_000_000,
      priceNegotiable: false,
      pillarTags: ['agri-product-deep-processing'],
      qualityScore: 100,
      pendingRevisionId: record.pending.id,
      publishedRevisionId: null,
    });
    const audit = await auditFor(env, id);
    expect(audit.map((a) => a.action)).toEqual(['listing.create']);
    // The contact's phone and e-mail are personal identifiers: masked in the audit log.
    expect(JSON.stringify(audit[0]!.changes)).not.toContain('0935-2212345');
    expect(JSON.stringify(audit[0]!.changes)).not.toContain('wang@example.test');
  });

  it('accepts a partial draft and reports what the listing-quality score misses', async () => {
    const { record } = await draft({ title: '风光互补微电网控制器', summary: '适用于戈壁光伏治沙区的离网供电系统，可在无电网条件下长期稳定运行。' });
    expect(record.quality.missing).toEqual(['advantage', 'ip', 'maturity', 'route', 'price', 'summary', 'keywords']);
    expect(record.quality.score).toBe(0);
  });

  it('refuses a bad field with its path and creates nothing', async () => {
    const m = await member(env);
    const before = await env.db.select().from(achievements).where(eq(achievements.organisationId, m.organisationId));
    const res = await m.client.post('/api/v1/achievements', { ...ACHIEVEMENT, trl: 12 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['trl']);
    const after = await env.db.select().from(achievements).where(eq(achievements.organisationId, m.organisationId));
    expect(after).toEqual(before);
  });

  it('saves a never-published draft in place and the record columns follow it', async () => {
    const { id, client } = await draft();
    const res = await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, title: '甜高粱全株青贮技术', trl: 6 });
    expect(res.status).toBe(200);
    expect(res.body.pending).toMatchObject({ number: 1, status: 'draft' });
    expect(res.body.revisions).toHaveLength(1);
    expect(await achievementRow(env, id)).toMatchObject({ title: '甜高粱全株青贮技术', trl: 6, status: 'draft' });
    expect((await auditFor(env, id)).at(-1)).toMatchObject({
      action: 'listing.save_draft',
      changes: { title: { before: ACHIEVEMENT.title, after: '甜高粱全株青贮技术' }, trl: { before: 7, after: 6 } },
    });
  });

  it('refuses a bad field on save with its path and changes nothing', async () => {
    const { id, client } = await draft();
    const before = await achievementRow(env, id);
    const revsBefore = await revisionsOf(env, 'achievement', id);
    const res = await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, industryDivision: '01' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('industryDivision');
    expect(await achievementRow(env, id)).toEqual(before);
    expect(await revisionsOf(env, 'achievement', id)).toEqual(revsBefore);
  });

  it('discards a never-submitted listing altogether', async () => {
    const { id, client } = await draft();
    const res = await client.delete(`/api/v1/achievements/${id}/draft`);
    expect(res.body).toEqual({ ok: true, deleted: true });
    expect(await achievementRow(env, id)).toBeUndefined();
    expect((await auditFor(env, id)).map((a) => a.action)).toEqual(['listing.create', 'listing.discard_draft']);
  });
});

describe('submission', () => {
  it('lists every missing field of incomplete content, with saveDraft paths, and changes nothing', async () => {
    const { id, client } = await draft({ title: '机械沙障铺设机', stage: 'early' });
    const before = await achievementRow(env, id);
    const res = await client.post(`/api/v1/achievements/${id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    for (const p of ['summary', 'researchStart', 'researchEnd', 'confidentiality', 'completingUnits', 'completers', 'trl', 'transferModes', 'price', 'industrySection', 'techField', 'regionCode', 'contact', 'keywords']) {
      expect(paths).toContain(p);
    }
    expect(res.body.error.fields.find((f: { path: string }) => f.path === 'trl').message).toBe('请填写此项');
    expect(await achievementRow(env, id)).toEqual(before);
    expect((await revisionsOf(env, 'achievement', id))[0]!.status).toBe('draft');
  });

  it('names nested fields and the cross-field rules', async () => {
    const { id, client } = await draft({ ...ACHIEVEMENT, completers: [{ name: '王建国', share: 70 }] });
    const res = await client.post(`/api/v1/achievements/${id}/submit`, undefined, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'completers', message: expect.stringMatching(/100/) }]);
  });

  it('refuses a confidential achievement with a field error on confidentiality', async () => {
    const { id, client } = await draft({ ...ACHIEVEMENT, confidentiality: 'secret' });
    const res = await client.post(`/api/v1/achievements/${id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['confidentiality']);
    expect((await achievementRow(env, id))!.status).toBe('draft');
  });

  it('lets an unverified organisation draft but not submit', async () => {
    const { id, client, record } = await draft(ACHIEVEMENT, { orgStatus: 'pending' });
    expect(record.actions).not.toContain('submit');
    const res = await client.post(`/api/v1/achievements/${id}/submit`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ORG_NOT_VERIFIED');
    expect((await achievementRow(env, id))!.status).toBe('draft');
  });

  it('submits, audits, then refuses edits, a second submission and discarding while under review', async () => {
    const { id, client } = await draft();
    const res = await client.post(`/api/v1/achievements/${id}/submit`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'submitted', pending: { number: 1, status: 'submitted' }, actions: [] });
    expect(res.body.pending.submittedAt).toBe(env.clock.now().toISOString());
    // The stored content is the parsed one, defaults filled in.
    expect(res.body.working.attachments).toEqual([]);
    for (const [method, path, body] of [
      ['PUT', `/api/v1/achievements/${id}/draft`, ACHIEVEMENT],
      ['POST', `/api/v1/achievements/${id}/submit`, {}],
      ['DELETE', `/api/v1/achievements/${id}/draft`, undefined],
      ['POST', `/api/v1/achievements/${id}/withdraw`, { reason: '暂不转让' }],
    ] as const) {
      const r = await client.request(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(409);
      expect(r.body.error.code).toBe('INVALID_STATE');
    }
    expect((await achievementRow(env, id))!.status).toBe('submitted');
    expect((await auditFor(env, id)).map((a) => a.action)).toEqual(['listing.create', 'listing.submit']);
  });
});

describe('access to listings', () => {
  it('hides another organisation’s listing (404), refuses roles without the right (403) and anonymous callers (401)', async () => {
    const { id } = await draft();
    const outsider = await member(env);
    const reviewer = await staff(env);
    const before = await achievementRow(env, id);
    expect((await outsider.client.get(`/api/v1/achievements/${id}/record`)).status).toBe(404);
    expect((await outsider.client.put(`/api/v1/achievements/${id}/draft`, ACHIEVEMENT)).status).toBe(404);
    expect((await outsider.client.post(`/api/v1/achievements/${id}/submit`)).status).toBe(404);
    expect((await outsider.client.delete(`/api/v1/achievements/${id}/draft`)).status).toBe(404);
    // Reviewers read every listing but do not edit them.
    expect((await reviewer.client.get(`/api/v1/achievements/${id}/record`)).status).toBe(200);
    const put = await reviewer.client.put(`/api/v1/achievements/${id}/draft`, ACHIEVEMENT);
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('FORBIDDEN');
    expect((await anon.get(`/api/v1/achievements/${id}/record`)).status).toBe(401);
    expect(await achievementRow(env, id)).toEqual(before);
  });

  it('lets a colleague of the same organisation work on the listing', async () => {
    const { id, organisationId } = await draft();
    const colleague = await member(env, { organisationId, roles: ['researcher'] });
    const res = await colleague.client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, trl: 8 });
    expect(res.status).toBe(200);
  });

  it('lists the organisation’s own listings only, with their actions', async () => {
    const a = await draft();
    await member(env).then((m) => m.client.post('/api/v1/achievements', ACHIEVEMENT));
    const colleague = await member(env, { organisationId: a.organisationId });
    await colleague.client.post('/api/v1/achievements', { title: '沙生植物容器育苗技术' });
    const res = await a.client.get('/api/v1/console/achievements?pageSize=50');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: { title: string }) => i.title).sort()).toEqual([ACHIEVEMENT.title, '沙生植物容器育苗技术'].sort());
    expect(res.body.items[0]).toMatchObject({ kind: 'achievement', status: 'draft', pendingStatus: 'draft', actions: expect.arrayContaining(['update']) });
    const filtered = await a.client.get(`/api/v1/console/achievements?q=${encodeURIComponent('容器育苗')}`);
    expect(filtered.body.items.map((i: { title: string }) => i.title)).toEqual(['沙生植物容器育苗技术']);
  });
});

describe('publication and revisions', () => {
  it('publishes on approval: record columns, publishedAt, re-index job, notifications to submitter and org admins', async () => {
    const { id, client, user, organisationId } = await draft();
    const admin = await createUser(env.db, { roles: ['org_admin'], organisationId });
    await publish(id, client);
    const row = (await achievementRow(env, id))!;
    expect(row).toMatchObject({ status: 'published', pendingRevisionId: null, title: ACHIEVEMENT.title });
    expect(row.publishedAt?.toISOString()).toBe(env.clock.now().toISOString());
    const revs = await revisionsOf(env, 'achievement', id);
    expect(revs.map((r) => r.status)).toEqual(['approved']);
    expect(row.publishedRevisionId).toBe(revs[0]!.id);
    const queued = await env.db.select().from(jobs).where(eq(jobs.name, 'catalog.reindex_listing'));
    expect(queued.some((j) => (j.payload as { id: string }).id === id)).toBe(true);
    for (const uid of [user.id, admin.id]) {
      const notes = await env.db.select().from(notifications).where(and(eq(notifications.userId, uid), eq(notifications.kind, 'listing.published')));
      expect(notes).toHaveLength(1);
      expect(notes[0]!.params).toEqual({ kind: 'achievement', title: ACHIEVEMENT.title });
    }
    const view = await client.get(`/api/v1/achievements/${id}/record`);
    expect(view.body).toMatchObject({ status: 'published', pending: null, published: { title: ACHIEVEMENT.title }, actions: ['update', 'withdraw'] });
  });

  it('keeps the published version publicly unchanged while an edit is pending, then supersedes it on approval', async () => {
    const { id, client } = await draft();
    const reviewer = await publish(id, client);
    const published = (await achievementRow(env, id))!;

    env.clock.advance(60);
    const edit = await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, title: '甜高粱秸秆青贮饲料加工技术（第二版）', price: { kind: 'negotiable' }, transferModes: ['transfer'], licenseKinds: [] });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ status: 'published', pending: { number: 2, status: 'draft' }, published: { title: ACHIEVEMENT.title } });
    expect(edit.body.working.title).toBe('甜高粱秸秆青贮饲料加工技术（第二版）');
    expect(edit.body.actions).toEqual(['update', 'submit', 'withdraw', 'discard_draft']);
    // Record columns (what the public pages read) are untouched; only the pointer to the pending revision is set.
    const publicColumns = async () => ({ ...(await achievementRow(env, id))!, pendingRevisionId: null });
    expect(await publicColumns()).toEqual(published);

    const sub = await client.post(`/api/v1/achievements/${id}/submit`);
    expect(sub.body).toMatchObject({ status: 'published', pending: { number: 2, status: 'submitted' } });
    expect(await publicColumns()).toEqual(published);

    const ok = await reviewer.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/approve`, { checklist: CHECKLIST, note: '价格改为面议' });
    expect(ok.status).toBe(200);
    const row = (await achievementRow(env, id))!;
    expect(row).toMatchObject({ status: 'published', title: '甜高粱秸秆青贮饲料加工技术（第二版）', priceFen: null, priceNegotiable: true, transferModes: ['transfer'] });
    // An approved edit of a live listing keeps its publication date.
    expect(row.publishedAt).toEqual(published.publishedAt);
    const revs = await revisionsOf(env, 'achievement', id);
    expect(revs.map((r) => [r.number, r.status])).toEqual([[1, 'superseded'], [2, 'approved']]);
    expect(revs[1]).toMatchObject({ reviewNote: '价格改为面议', reviewChecklist: CHECKLIST });
  });

  it('keeps a returned revision in the history with its reasons and starts a new draft when it is edited', async () => {
    const { id, client } = await draft();
    const reviewer = await publish(id, client);
    await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, advantage: '效果更好' });
    const sub = await client.post(`/api/v1/achievements/${id}/submit`);
    const ret = await reviewer.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/return`, { reasons: '优势描述缺少量化数据，请补充对比试验结果。' });
    expect(ret.status).toBe(200);
    const view = await client.get(`/api/v1/achievements/${id}/record`);
    expect(view.body).toMatchObject({ status: 'published', pending: { number: 2, status: 'returned', reviewNote: '优势描述缺少量化数据，请补充对比试验结果。' } });
    expect((await achievementRow(env, id))!.status).toBe('published');

    const again = await client.put(`/api/v1/achievements/${id}/draft`, ACHIEVEMENT);
    expect(again.body.pending).toMatchObject({ number: 3, status: 'draft' });
    expect(again.body.revisions.map((r: { number: number; status: string }) => [r.number, r.status])).toEqual([
      [1, 'approved'],
      [2, 'returned'],
      [3, 'draft'],
    ]);
    const history = await client.get(`/api/v1/achievements/${id}/revisions/${sub.body.pending.id}`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ revision: { number: 2, status: 'returned' }, content: { advantage: '效果更好' } });
  });

  it('discards a pending edit of a published listing, leaving the published version', async () => {
    const { id, client } = await draft();
    await publish(id, client);
    await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, trl: 8 });
    const res = await client.delete(`/api/v1/achievements/${id}/draft`);
    expect(res.body).toEqual({ ok: true, deleted: false });
    const view = await client.get(`/api/v1/achievements/${id}/record`);
    expect(view.body).toMatchObject({ status: 'published', pending: null, working: { trl: 7 } });
    expect((await revisionsOf(env, 'achievement', id)).map((r) => r.status)).toEqual(['approved']);
    // Nothing left to discard.
    expect((await client.delete(`/api/v1/achievements/${id}/draft`)).status).toBe(409);
  });

  it('discarding a draft started from a returned revision goes back to that revision', async () => {
    const { id, client } = await draft();
    const sub = await client.post(`/api/v1/achievements/${id}/submit`);
    const reviewer = await staff(env);
    await reviewer.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/return`, { reasons: '请补充完成人身份信息。' });
    await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, title: '改过的标题甜高粱' });
    expect((await achievementRow(env, id))!.title).toBe('改过的标题甜高粱');
    const res = await client.delete(`/api/v1/achievements/${id}/draft`);
    expect(res.body).toEqual({ ok: true, deleted: false });
    const row = (await achievementRow(env, id))!;
    expect(row).toMatchObject({ status: 'returned', title: ACHIEVEMENT.title, pendingRevisionId: sub.body.pending.id });
  });

  it('withdraws with a reason, refuses a second withdrawal, and republishes after saving and submitting', async () => {
    const { id, client } = await draft();
    await publish(id, client);
    const bad = await client.post(`/api/v1/achievements/${id}/withdraw`, { reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('reason');
    expect((await achievementRow(env, id))!.status).toBe('published');

    const w = await client.post(`/api/v1/achievements/${id}/withdraw`, { reason: '已与企业签订独占许可合同' });
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', actions: ['update'] });
    expect((await auditFor(env, id)).at(-1)).toMatchObject({
      action: 'listing.withdraw',
      changes: { status: { before: 'published', after: 'withdrawn' }, reason: { after: '已与企业签订独占许可合同' } },
    });
    expect((await client.post(`/api/v1/achievements/${id}/withdraw`, { reason: '再次撤回' })).status).toBe(409);

    await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, transferModes: ['technical-service'], licenseKinds: [] });
    const sub = await client.post(`/api/v1/achievements/${id}/submit`);
    expect(sub.body).toMatchObject({ status: 'withdrawn', pending: { status: 'submitted' } });
    env.clock.advance(86400);
    // Sessions idle for a day have expired: a fresh reviewer decides.
    const nextDay = await staff(env);
    await nextDay.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/approve`, { checklist: CHECKLIST });
    const row = (await achievementRow(env, id))!;
    expect(row).toMatchObject({ status: 'published', transferModes: ['technical-service'] });
    expect(row.publishedAt?.toISOString()).toBe(env.clock.now().toISOString());
  });

  it('recalls a revision under review to draft when the listing is withdrawn', async () => {
    const { id, client } = await draft();
    await publish(id, client);
    await client.put(`/api/v1/achievements/${id}/draft`, { ...ACHIEVEMENT, trl: 8 });
    await client.post(`/api/v1/achievements/${id}/submit`);
    const w = await client.post(`/api/v1/achievements/${id}/withdraw`, { reason: '暂停对外转让' });
    expect(w.body).toMatchObject({ status: 'withdrawn', pending: { number: 2, status: 'draft' } });
  });

  it('shows a revision only through its own record', async () => {
    const a = await draft();
    const b = await draft();
    const res = await a.client.get(`/api/v1/achievements/${a.id}/revisions/${b.record.pending.id}`);
    expect(res.status).toBe(404);
  });
});

describe('attachments', () => {
  it('refuses an attachment id that is not the organisation’s own attachment, and saves nothing', async () => {
    const { client } = await member(env);
    const stranger = await createOrg(env.db);
    const [file] = await env.db
      .insert(files)
      .values({ organisationId: stranger.id, purpose: 'attachment', filename: 'x.pdf', contentType: 'application/pdf', sizeBytes: 5, sha256: 'x', data: Buffer.from('%PDF-') })
      .returning();
    const before = await env.db.select().from(achievements);
    const res = await client.post('/api/v1/achievements', { title: '带附件的成果草稿', attachments: [{ fileId: file!.id }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('attachments.0.fileId');
    expect(await env.db.select().from(achievements)).toHaveLength(before.length);
  });
});
