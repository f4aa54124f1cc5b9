import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { setupTestEnv } from '../support/harness.js';
import { ACHIEVEMENT, CHECKLIST, DEMAND, achievementRow, member, revisionsOf, staff } from './catalog-fixtures.js';

const env = await setupTestEnv();

/** A submitted achievement (or demand) of a fresh verified organisation. */
async function submitted(content: Record<string, unknown> = ACHIEVEMENT, kind: 'achievements' | 'demands' = 'achievements', organisationId?: string) {
  const m = await member(env, { organisationId });
  const created = await m.client.post(`/api/v1/${kind}`, content);
  expect(created.status).toBe(200);
  const sub = await m.client.post(`/api/v1/${kind}/${created.body.id}/submit`);
  expect(sub.status).toBe(200);
  return { ...m, id: created.body.id as string, revisionId: sub.body.pending.id as string };
}

describe('review queue', () => {
  it('lists submitted revisions oldest first, with similar titles from this and other organisations', async () => {
    const reviewer = await staff(env);
    const first = await submitted({ ...ACHIEVEMENT, title: '戈壁日光温室水肥一体化滴灌技术' });
    env.clock.advance(10);
    // Same organisation, near-identical title: a likely duplicate.
    const dup = await submitted({ ...ACHIEVEMENT, title: '戈壁日光温室水肥一体化滴灌技术（改进型）' }, 'achievements', first.organisationId);
    env.clock.advance(10);
    const other = await submitted({ ...ACHIEVEMENT, title: '日光温室水肥一体化滴灌系统' });
    env.clock.advance(10);
    const unrelated = await submitted({ ...ACHIEVEMENT, title: '医用重离子加速器束流诊断探头' });
    // A demand with the same title is another kind: not listed as similar to achievements.
    await submitted({ ...DEMAND, title: '戈壁日光温室水肥一体化滴灌技术' }, 'demands');

    const res = await reviewer.client.get('/api/v1/review/queue?kind=achievement&pageSize=200');
    expect(res.status).toBe(200);
    const ours = res.body.items.filter((i: { recordId: string }) => [first.id, dup.id, other.id, unrelated.id].includes(i.recordId));
    expect(ours.map((i: { recordId: string }) => i.recordId)).toEqual([first.id, dup.id, other.id, unrelated.id]);
    expect(ours[0]).toMatchObject({ kind: 'achievement', number: 1, isEdit: false, qualityScore: 100, revisionId: first.revisionId });
    const similarToFirst = ours[0].similar.map((s: { id: string }) => s.id);
    expect(similarToFirst).toContain(dup.id);
    expect(similarToFirst).toContain(other.id);
    expect(similarToFirst).not.toContain(first.id);
    expect(similarToFirst).not.toContain(unrelated.id);
    expect(ours[0].similar.length).toBeLessThanOrEqual(5);
    for (const s of ours[0].similar) expect(s.similarity).toBeGreaterThan(0.3);
    expect(ours[3].similar.map((s: { id: string }) => s.id)).not.toContain(first.id);
    // Kind filter.
    const demandsOnly = await reviewer.client.get('/api/v1/review/queue?kind=demand&pageSize=200');
    expect(demandsOnly.body.items.every((i: { kind: string }) => i.kind === 'demand')).toBe(true);
  });

  it('is the reviewers’ only: members get 403', async () => {
    const m = await member(env);
    expect((await m.client.get('/api/v1/review/queue')).status).toBe(403);
  });

  it('offers "review" in the record’s actions to reviewers while a revision awaits them', async () => {
    const s = await submitted();
    const reviewer = await staff(env);
    expect((await reviewer.client.get(`/api/v1/achievements/${s.id}/record`)).body.actions).toEqual(['review']);
    expect((await s.client.get(`/api/v1/achievements/${s.id}/record`)).body.actions).toEqual([]);
  });
});

describe('approve and return', () => {
  it('refuses approval without the whole checklist, naming the field, and changes nothing', async () => {
    const s = await submitted();
    const reviewer = await staff(env);
    const before = await achievementRow(env, s.id);
    const res = await reviewer.client.post(`/api/v1/review/revisions/${s.revisionId}/approve`, { checklist: CHECKLIST.slice(1) });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['checklist']);
    expect(await achievementRow(env, s.id)).toEqual(before);
    expect((await revisionsOf(env, 'achievement', s.id))[0]!.status).toBe('submitted');
  });

  it('refuses members (403) and leaves the revision submitted', async () => {
    const s = await submitted();
    const res = await s.client.post(`/api/v1/review/revisions/${s.revisionId}/approve`, { checklist: CHECKLIST });
    expect(res.status).toBe(403);
    expect((await achievementRow(env, s.id))!.status).toBe('submitted');
  });

  it('returns a never-published listing with reasons, tells the submitter, and refuses a second decision', async () => {
    const s = await submitted();
    const reviewer = await staff(env);
    const tooShort = await reviewer.client.post(`/api/v1/review/revisions/${s.revisionId}/return`, { reasons: '否' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.fields[0].path).toBe('reasons');
    const res = await reviewer.client.post(`/api/v1/review/revisions/${s.revisionId}/return`, { reasons: '完成人比例与登记表不一致，请核对。' });
    expect(res.body).toEqual({ ok: true, recordId: s.id, kind: 'achievement' });
    expect((await achievementRow(env, s.id))!.status).toBe('returned');
    const [rev] = await revisionsOf(env, 'achievement', s.id);
    expect(rev).toMatchObject({ status: 'returned', reviewNote: '完成人比例与登记表不一致，请核对。', reviewedBy: reviewer.user.id });
    const notes = await env.db.select().from(notifications).where(and(eq(notifications.userId, s.user.id), eq(notifications.kind, 'listing.returned')));
    expect(notes.map((n) => n.params)).toEqual([{ kind: 'achievement', title: ACHIEVEMENT.title, reasons: '完成人比例与登记表不一致，请核对。' }]);
    for (const action of ['approve', 'return']) {
      const again = await reviewer.client.post(`/api/v1/review/revisions/${s.revisionId}/${action}`, action === 'approve' ? { checklist: CHECKLIST } : { reasons: '再次退回测试' });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('INVALID_STATE');
    }
    // The owner edits (a new revision) and submits again; the returned one stays in the history.
    await s.client.put(`/api/v1/achievements/${s.id}/draft`, ACHIEVEMENT);
    const resub = await s.client.post(`/api/v1/achievements/${s.id}/submit`);
    expect(resub.body).toMatchObject({ status: 'submitted', pending: { number: 2, status: 'submitted' } });
    expect((await revisionsOf(env, 'achievement', s.id)).map((r) => r.status)).toEqual(['returned', 'submitted']);
  });

  it('answers 404 for an unknown revision', async () => {
    const reviewer = await staff(env);
    const res = await reviewer.client.post('/api/v1/review/revisions/00000000-0000-4000-8000-000000000000/approve', { checklist: CHECKLIST });
    expect(res.status).toBe(404);
  });

  it('lets exactly one of two reviewers approving at once succeed; the other gets INVALID_STATE', async () => {
    for (let round = 0; round < 3; round++) {
      const s = await submitted();
      const [a, b] = await Promise.all([staff(env), staff(env, 'bureau_admin')]);
      const results = await Promise.all([
        a.client.post(`/api/v1/review/revisions/${s.revisionId}/approve`, { checklist: CHECKLIST }),
        b.client.post(`/api/v1/review/revisions/${s.revisionId}/approve`, { checklist: CHECKLIST }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe('INVALID_STATE');
      const approvals = await env.db.select().from(auditLog).where(and(eq(auditLog.entityId, s.id), eq(auditLog.action, 'listing.approve')));
      expect(approvals).toHaveLength(1);
      const notes = await env.db.select().from(notifications).where(and(eq(notifications.userId, s.user.id), eq(notifications.kind, 'listing.published')));
      expect(notes).toHaveLength(1);
    }
  });

  it('does not let an approval race a return: one decision wins', async () => {
    const s = await submitted();
    const [a, b] = await Promise.all([staff(env), staff(env)]);
    const results = await Promise.all([
      a.client.post(`/api/v1/review/revisions/${s.revisionId}/approve`, { checklist: CHECKLIST }),
      b.client.post(`/api/v1/review/revisions/${s.revisionId}/return`, { reasons: '请补充检测报告。' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const [rev] = await revisionsOf(env, 'achievement', s.id);
    expect(['approved', 'returned']).toContain(rev!.status);
  });
});

describe('bulk approve', () => {
  it('approves each revision on its own and reports the ones that fail', async () => {
    const reviewer = await staff(env);
    const a = await submitted();
    const b = await submitted({ ...DEMAND }, 'demands');
    const c = await submitted();
    await reviewer.client.post(`/api/v1/review/revisions/${c.revisionId}/return`, { reasons: '请补充专利证书。' });
    const missing = '00000000-0000-4000-8000-000000000001';
    const res = await reviewer.client.post('/api/v1/review/bulk-approve', { revisionIds: [a.revisionId, c.revisionId, b.revisionId, missing], checklist: CHECKLIST });
    expect(res.status).toBe(200);
    expect(res.body.approved).toEqual([a.revisionId, b.revisionId]);
    expect(res.body.failed).toEqual([
      { revisionId: c.revisionId, code: 'INVALID_STATE', message: expect.any(String) },
      { revisionId: missing, code: 'NOT_FOUND', message: '未找到该记录。' },
    ]);
    expect((await achievementRow(env, a.id))!.status).toBe('published');
    expect((await achievementRow(env, c.id))!.status).toBe('returned');
  });

  it('refuses the whole batch without the checklist, changing nothing', async () => {
    const reviewer = await staff(env);
    const a = await submitted();
    const res = await reviewer.client.post('/api/v1/review/bulk-approve', { revisionIds: [a.revisionId], checklist: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('checklist');
    expect((await achievementRow(env, a.id))!.status).toBe('submitted');
  });
});
