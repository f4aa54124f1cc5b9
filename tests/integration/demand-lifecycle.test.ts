import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { setupTestEnv, TestClock } from '../support/harness.js';
import { CHECKLIST, DEMAND, auditFor, demandRow, member, revisionsOf, staff } from './catalog-fixtures.js';

const clock = new TestClock(Date.parse('2026-06-01T02:00:00Z'));
const env = await setupTestEnv({ clock });

async function publishedDemand(content: Record<string, unknown> = DEMAND, opts: Parameters<typeof member>[1] = {}) {
  const m = await member(env, opts);
  const created = await m.client.post('/api/v1/demands', content);
  expect(created.status).toBe(200);
  const sub = await m.client.post(`/api/v1/demands/${created.body.id}/submit`);
  expect(sub.status).toBe(200);
  const reviewer = await staff(env);
  const ok = await reviewer.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/approve`, { checklist: CHECKLIST });
  expect(ok.status).toBe(200);
  return { ...m, id: created.body.id as string };
}

describe('demand workflow', () => {
  it('publishes a demand with its columns mirrored', async () => {
    const d = await publishedDemand();
    expect(await demandRow(env, d.id)).toMatchObject({
      status: 'published',
      title: DEMAND.title,
      cooperationModes: ['commissioned-development'],
      budgetMinFen: 10_000_00,
      budgetMaxFen: 50_000_00,
      budgetNegotiable: false,
      deadline: '2026-09-30',
      qualityScore: 100,
    });
    const view = await d.client.get(`/api/v1/demands/${d.id}/record`);
    expect(view.body).toMatchObject({ kind: 'demand', status: 'published', closedReason: null, actions: ['update', 'withdraw', 'close'] });
  });

  it('refuses a submission whose deadline has already passed, naming the field', async () => {
    const m = await member(env);
    const created = await m.client.post('/api/v1/demands', { ...DEMAND, deadline: '2026-05-31' });
    const res = await m.client.post(`/api/v1/demands/${created.body.id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['deadline']);
    expect((await demandRow(env, created.body.id))!.status).toBe('draft');
  });

  it('lists every missing field of an incomplete demand', async () => {
    const m = await member(env);
    const created = await m.client.post('/api/v1/demands', { title: '枸杞烘干能耗过高' });
    const res = await m.client.post(`/api/v1/demands/${created.body.id}/submit`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(
      ['budget', 'contact', 'cooperationModes', 'deadline', 'industrySection', 'problem', 'regionCode'].sort(),
    );
  });

  it('closes a published demand with how it was solved, audited; closing is final', async () => {
    const d = await publishedDemand();
    const bad = await d.client.post(`/api/v1/demands/${d.id}/close`, { reason: 'fixed', note: '已解决' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('reason');
    expect((await demandRow(env, d.id))!.status).toBe('published');

    const res = await d.client.post(`/api/v1/demands/${d.id}/close`, { reason: 'solved_here', note: '与兰州某高校签订委托开发合同，已完成样机。' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closedReason: 'solved_here', closedNote: '与兰州某高校签订委托开发合同，已完成样机。', actions: [] });
    expect((await auditFor(env, d.id)).at(-1)).toMatchObject({
      action: 'listing.close',
      changes: { status: { before: 'published', after: 'closed' }, closedReason: { after: 'solved_here' } },
    });
    for (const [method, path, body] of [
      ['POST', `/api/v1/demands/${d.id}/close`, { reason: 'other', note: '再次关闭' }],
      ['PUT', `/api/v1/demands/${d.id}/draft`, DEMAND],
      ['POST', `/api/v1/demands/${d.id}/withdraw`, { reason: '撤回' }],
    ] as const) {
      expect((await d.client.request(method, path, body)).status, `${method} ${path}`).toBe(409);
    }
  });

  it('refuses closing a draft (409) and another organisation’s demand (404)', async () => {
    const m = await member(env);
    const created = await m.client.post('/api/v1/demands', DEMAND);
    expect((await m.client.post(`/api/v1/demands/${created.body.id}/close`, { reason: 'other', note: '不需要了' })).status).toBe(409);
    const d = await publishedDemand();
    const outsider = await member(env);
    expect((await outsider.client.post(`/api/v1/demands/${d.id}/close`, { reason: 'other', note: '不需要了' })).status).toBe(404);
    expect((await demandRow(env, d.id))!.status).toBe('published');
  });
});

describe('demand expiry', () => {
  it('expires published demands past their deadline, daily, as the system; open through the deadline day', async () => {
    const soon = await publishedDemand({ ...DEMAND, title: '高标准农田土壤墒情监测', deadline: '2026-06-05' });
    const later = await publishedDemand({ ...DEMAND, title: '光伏板清洗机器人防沙', deadline: '2026-06-20' });
    const draftOnly = await member(env);
    const draft = await draftOnly.client.post('/api/v1/demands', { ...DEMAND, title: '草稿中的需求不应过期', deadline: '2026-06-03' });
    await env.drainJobs();

    // 2026-06-05 23:30 in the district (UTC+8): still the deadline day.
    clock.set('2026-06-05T15:30:00Z');
    await env.drainJobs();
    expect((await demandRow(env, soon.id))!.status).toBe('published');

    // The next day's run.
    clock.set('2026-06-06T16:30:00Z');
    await env.drainJobs();
    expect((await demandRow(env, soon.id))!.status).toBe('expired');
    expect((await demandRow(env, later.id))!.status).toBe('published');
    expect((await demandRow(env, draft.body.id))!.status).toBe('draft');
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, soon.id), eq(auditLog.action, 'listing.expire')));
    expect(audit).toMatchObject({ actorUserId: null, actorUsername: 'system', changes: { status: { before: 'published', after: 'expired' } } });

    // An expired demand comes back with a new deadline through review.
    const owner = await member(env, { organisationId: soon.organisationId });
    const edit = await owner.client.put(`/api/v1/demands/${soon.id}/draft`, { ...DEMAND, title: '高标准农田土壤墒情监测', deadline: '2026-12-31' });
    expect(edit.body).toMatchObject({ status: 'expired', pending: { status: 'draft' } });
    const sub = await owner.client.post(`/api/v1/demands/${soon.id}/submit`);
    const reviewer = await staff(env);
    await reviewer.client.post(`/api/v1/review/revisions/${sub.body.pending.id}/approve`, { checklist: CHECKLIST });
    expect(await demandRow(env, soon.id)).toMatchObject({ status: 'published', deadline: '2026-12-31' });
    expect((await revisionsOf(env, 'demand', soon.id)).map((r) => r.status)).toEqual(['superseded', 'approved']);

    // A later daily run expires the other one once its deadline has passed.
    clock.set('2026-06-21T17:00:00Z');
    await env.drainJobs();
    expect((await demandRow(env, later.id))!.status).toBe('expired');
  });
});
