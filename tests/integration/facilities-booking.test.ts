import { and, count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { facilities, facilityBookings, facilityUsage } from '../../server/modules/facilities/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

// The clock: Monday 1 June 2026, 10:00 in Liangzhou (02:00 UTC).
const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const college = await createOrg(env.db, { type: 'university', name: '河西农业职业技术学院' });
const dairy = await createOrg(env.db, { name: '凉州示范乳品有限公司' });
const seed = await createOrg(env.db, { name: '武威绿洲种业有限公司' });
const pending = await createOrg(env.db, { status: 'pending' });
const labAdmin = await person(['org_admin', 'researcher'], college.id);
const labStaff = await person(['researcher'], college.id);
const dairyUser = await person(['enterprise_member'], dairy.id);
const seedUser = await person(['enterprise_member'], seed.id);
const pendingUser = await person(['enterprise_member'], pending.id);
const reviewer = await person(['reviewer']);

/** A Liangzhou wall-clock time on a date, as ISO with +08:00. */
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

const HPLC = {
  kind: 'instrument',
  name: '高效液相色谱仪',
  category: '分析仪器',
  model: 'LC-2030 Plus',
  manufacturer: '示例仪器公司',
  specifications: '四元梯度泵，紫外检测器 190–700 nm，自动进样器 216 位。',
  description: '可用于农产品中农药残留、维生素和有机酸的定量分析，提供检测方法咨询。',
  location: '凉州区学院路 1 号 实训楼 302',
  feeUnit: 'hour',
  feeFen: 20000,
  openingHours: { days: [1, 2, 3, 4, 5], open: '08:30', close: '17:30' },
};

async function published(client: TestClient, body: Record<string, unknown> = HPLC) {
  const created = await client.post('/api/v1/facilities', body);
  expect(created.status).toBe(200);
  const r = await login(reviewer);
  const ok = await r.post(`/api/v1/facilities/${created.body.id}/review`, { decision: 'approve' });
  expect(ok.body.status).toBe('published');
  return ok.body;
}

const bookingCount = async () => (await env.db.select({ n: count() }).from(facilityBookings))[0]!.n;

describe('registering and reviewing facilities', () => {
  it('goes from submission through review into the public directory, found by Chinese search', async () => {
    const a = await login(labAdmin);
    const created = await a.post('/api/v1/facilities', HPLC);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'submitted', organisation: { id: college.id }, feeFen: 20000, actions: expect.arrayContaining(['update', 'withdraw', 'manage']) });
    const anon = env.app;
    const hidden = await new TestClient(anon).get(`/api/v1/facilities/${created.body.id}`);
    expect(hidden.status).toBe(404);

    const r = await login(reviewer);
    const queue = await r.get('/api/v1/facilities/mine?status=submitted');
    expect(queue.body.items.map((f: { id: string }) => f.id)).toContain(created.body.id);
    const returned = await r.post(`/api/v1/facilities/${created.body.id}/review`, { decision: 'return' });
    expect(returned.status).toBe(400);
    expect(returned.body.error.fields[0].path).toBe('note');
    const back = await r.post(`/api/v1/facilities/${created.body.id}/review`, { decision: 'return', note: '请补充收费依据' });
    expect(back.body.status).toBe('returned');
    expect((await env.db.select().from(notifications).where(and(eq(notifications.userId, labAdmin.id), eq(notifications.kind, 'facility.returned')))).length).toBe(1);

    const resubmitted = await a.patch(`/api/v1/facilities/${created.body.id}`, { description: `${HPLC.description}收费依据：学院收费文件。` });
    expect(resubmitted.body.status).toBe('submitted');
    const approved = await r.post(`/api/v1/facilities/${created.body.id}/review`, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect((await r.post(`/api/v1/facilities/${created.body.id}/review`, { decision: 'approve' })).status).toBe(409);

    const visitor = new TestClient(env.app);
    const found = await visitor.get(`/api/v1/public/facilities?q=${encodeURIComponent('液相色谱')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect(found.body.mode).toBe('and');
    const none = await visitor.get(`/api/v1/public/facilities?q=${encodeURIComponent('核磁共振波谱')}`);
    expect(none.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
    const audits = await env.db.select().from(auditLog).where(eq(auditLog.entityId, created.body.id));
    expect(audits.map((x) => x.action)).toEqual(expect.arrayContaining(['facility.create', 'facility.return', 'facility.update', 'facility.approve']));
  });

  it('keeps the approved version public while a change waits for review', async () => {
    const a = await login(labAdmin);
    const f = await published(a, { ...HPLC, name: '气相色谱质谱联用仪', model: 'GCMS-QP2020' });
    const changed = await a.patch(`/api/v1/facilities/${f.id}`, { feeFen: 30000 });
    expect(changed.body).toMatchObject({ status: 'published', feeFen: 20000, pendingChanges: { feeFen: 30000 } });
    const visitor = new TestClient(env.app);
    expect((await visitor.get(`/api/v1/facilities/${f.id}`)).body).toMatchObject({ feeFen: 20000, pendingChanges: null });
    const r = await login(reviewer);
    const ok = await r.post(`/api/v1/facilities/${f.id}/review`, { decision: 'approve' });
    expect(ok.body).toMatchObject({ feeFen: 30000, pendingChanges: null, status: 'published' });
  });

  it('refuses bad input, other organisations, unverified organisations and the bureau, changing nothing', async () => {
    const before = (await env.db.select({ n: count() }).from(facilities))[0]!.n;
    const a = await login(labAdmin);
    const badHours = await a.post('/api/v1/facilities', { ...HPLC, openingHours: { days: [1], open: '18:00', close: '08:00' } });
    expect(badHours.status).toBe(400);
    expect(badHours.body.error.fields[0].path).toBe('openingHours.close');
    const negative = await a.post('/api/v1/facilities', { ...HPLC, feeFen: -1 });
    expect(negative.body.error.fields[0].path).toBe('feeFen');
    const noName = await a.post('/api/v1/facilities', { ...HPLC, name: '' });
    expect(noName.body.error.fields[0].path).toBe('name');
    expect((await (await login(pendingUser)).post('/api/v1/facilities', HPLC)).body.error.code).toBe('ORG_NOT_VERIFIED');
    expect((await (await login(reviewer)).post('/api/v1/facilities', HPLC)).status).toBe(403);
    const f = await published(a, { ...HPLC, name: '紫外可见分光光度计' });
    expect((await (await login(dairyUser)).patch(`/api/v1/facilities/${f.id}`, { feeFen: 1 })).status).toBe(403);
    expect((await (await login(dairyUser)).post(`/api/v1/facilities/${f.id}/review`, { decision: 'approve' })).status).toBe(403);
    expect((await env.db.select({ n: count() }).from(facilities))[0]!.n).toBe(before + 1);
  });
});

describe('bookings', () => {
  it('refuses slots in the past, outside opening hours, blocked, own facilities and unpublished ones, creating nothing', async () => {
    const a = await login(labAdmin);
    const f = await published(a, { ...HPLC, name: '原子吸收分光光度计' });
    const d = await login(dairyUser);
    const url = `/api/v1/facilities/${f.id}/bookings`;
    const before = await bookingCount();
    const past = await d.post(url, { startsAt: at('2026-06-01', '08:30'), endsAt: at('2026-06-01', '09:30'), purpose: '牛奶中重金属检测' });
    expect([past.status, past.body.error.fields[0].path]).toEqual([400, 'startsAt']);
    const evening = await d.post(url, { startsAt: at('2026-06-02', '17:00'), endsAt: at('2026-06-02', '18:00'), purpose: '检测' });
    expect(evening.body.error.fields[0].path).toBe('startsAt');
    const saturday = await d.post(url, { startsAt: at('2026-06-06', '09:00'), endsAt: at('2026-06-06', '10:00'), purpose: '检测' });
    expect(saturday.body.error.fields[0].path).toBe('startsAt');
    const backwards = await d.post(url, { startsAt: at('2026-06-02', '10:00'), endsAt: at('2026-06-02', '09:00'), purpose: '检测' });
    expect(backwards.body.error.fields[0].path).toBe('endsAt');

    const block = await a.post(`/api/v1/facilities/${f.id}/blocks`, { startsAt: at('2026-06-03', '00:00'), endsAt: at('2026-06-04', '00:00'), reason: '年度计量检定' });
    expect(block.status).toBe(200);
    const blocked = await d.post(url, { startsAt: at('2026-06-03', '09:00'), endsAt: at('2026-06-03', '10:00'), purpose: '检测' });
    expect(blocked.body.error.fields[0].message).toContain('暂停开放');
    const cal = await new TestClient(env.app).get(`/api/v1/public/facilities/${f.id}/calendar?from=${encodeURIComponent(at('2026-06-01', '00:00'))}&to=${encodeURIComponent(at('2026-06-08', '00:00'))}`);
    expect(cal.body.blocks).toEqual([expect.objectContaining({ reason: '年度计量检定' })]);

    expect((await a.post(url, { startsAt: at('2026-06-02', '09:00'), endsAt: at('2026-06-02', '10:00'), purpose: '自用' })).status).toBe(403);
    const draft = await a.post('/api/v1/facilities', { ...HPLC, name: '未审核的离心机' });
    expect((await d.post(`/api/v1/facilities/${draft.body.id}/bookings`, { startsAt: at('2026-06-02', '09:00'), endsAt: at('2026-06-02', '10:00'), purpose: '检测' })).status).toBe(404);
    expect((await (await login(reviewer)).post(url, { startsAt: at('2026-06-02', '09:00'), endsAt: at('2026-06-02', '10:00'), purpose: '检测' })).status).toBe(403);
    expect(await bookingCount()).toBe(before);
  });

  it('lets the owner confirm or decline, the requester cancel, and refuses a confirmation that overlaps', async () => {
    const a = await login(labAdmin);
    const f = await published(a, { ...HPLC, name: '荧光定量 PCR 仪' });
    const d = await login(dairyUser);
    const s = await login(seedUser);
    const url = `/api/v1/facilities/${f.id}/bookings`;
    const first = await d.post(url, { startsAt: at('2026-06-02', '09:00'), endsAt: at('2026-06-02', '11:00'), purpose: '奶牛乳房炎病原菌检测' });
    expect(first.body).toMatchObject({ status: 'requested', estimatedFeeFen: 40000, actions: ['cancel'] });
    expect((await env.db.select().from(notifications).where(and(eq(notifications.userId, labAdmin.id), eq(notifications.kind, 'booking.requested')))).length).toBe(1);
    const second = await s.post(url, { startsAt: at('2026-06-02', '10:00'), endsAt: at('2026-06-02', '12:00'), purpose: '玉米品种纯度鉴定' });
    expect(second.status).toBe(200);

    // Only the owner decides; the requester cannot confirm their own request.
    expect((await d.post(`/api/v1/facility-bookings/${first.body.id}/confirm`, {})).status).toBe(403);
    const owner = await login(labStaff);
    const confirmed = await owner.post(`/api/v1/facility-bookings/${first.body.id}/confirm`, { note: '请提前 10 分钟到实训楼 302' });
    // The slot is still ahead: it may be cancelled, not yet recorded as used.
    expect(confirmed.body).toMatchObject({ status: 'confirmed', actions: ['cancel'] });
    const clash = await owner.post(`/api/v1/facility-bookings/${second.body.id}/confirm`, {});
    expect([clash.status, clash.body.error.code]).toEqual([409, 'BOOKING_OVERLAP']);
    expect((await env.db.select().from(facilityBookings).where(eq(facilityBookings.id, second.body.id)))[0]!.status).toBe('requested');
    // A new request for a confirmed slot is refused at once.
    const taken = await s.post(url, { startsAt: at('2026-06-02', '10:30'), endsAt: at('2026-06-02', '11:30'), purpose: '检测' });
    expect(taken.body.error.fields[0].message).toContain('已有确认');

    const noNote = await owner.post(`/api/v1/facility-bookings/${second.body.id}/decline`, {});
    expect(noNote.body.error.fields[0].path).toBe('note');
    const declined = await owner.post(`/api/v1/facility-bookings/${second.body.id}/decline`, { note: '该时段已被预约，请改约下午' });
    expect(declined.body.status).toBe('declined');
    expect((await owner.post(`/api/v1/facility-bookings/${second.body.id}/confirm`, {})).status).toBe(409);
    expect((await env.db.select().from(notifications).where(and(eq(notifications.userId, seedUser.id), eq(notifications.kind, 'booking.declined')))).length).toBe(1);

    // The requester cancels; then the slot is free again.
    const cancelled = await d.post(`/api/v1/facility-bookings/${first.body.id}/cancel`, {});
    expect(cancelled.body.status).toBe('cancelled');
    const again = await s.post(url, { startsAt: at('2026-06-02', '10:00'), endsAt: at('2026-06-02', '12:00'), purpose: '玉米品种纯度鉴定（改约）' });
    expect((await owner.post(`/api/v1/facility-bookings/${again.body.id}/confirm`, {})).body.status).toBe('confirmed');
    const mine = await s.get('/api/v1/facility-bookings?scope=mine');
    expect(mine.body.items.map((b: { status: string }) => b.status).sort()).toEqual(['confirmed', 'declined']);
    const ownerList = await owner.get(`/api/v1/facility-bookings?scope=owner&facilityId=${f.id}`);
    expect(ownerList.body.total).toBe(3);
    expect((await d.get('/api/v1/facility-bookings?scope=owner')).status).toBe(200);
  });

  it('under many simultaneous confirmations of overlapping requests, confirms exactly a non-overlapping set', async () => {
    const a = await login(labAdmin);
    const f = await published(a, { ...HPLC, name: '扫描电子显微镜' });
    const requesters = await Promise.all([dairyUser, seedUser].map(login));
    // Cluster A: 12 requests all overlapping 09:00–11:00 (shifted by up to 55 minutes); cluster B: 8 requests for 14:00–15:00.
    const slots = [
      ...Array.from({ length: 12 }, (_, i) => [`09:${String(i * 5).padStart(2, '0')}`, `11:${String(i * 5).padStart(2, '0')}`]),
      ...Array.from({ length: 8 }, () => ['14:00', '15:00']),
    ];
    const ids: string[] = [];
    for (const [i, [s, e]] of slots.entries()) {
      const res = await requesters[i % 2]!.post(`/api/v1/facilities/${f.id}/bookings`, { startsAt: at('2026-06-04', s!), endsAt: at('2026-06-04', e!), purpose: `样品形貌观察 ${i}` });
      expect(res.status).toBe(200);
      ids.push(res.body.id);
    }
    const owners = await Promise.all([labAdmin, labStaff].map(login));
    const answers = await Promise.all(ids.map((id, i) => owners[i % 2]!.post(`/api/v1/facility-bookings/${id}/confirm`, {})));
    expect(answers.map((r) => r.status).filter((s) => s === 200)).toHaveLength(2);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.error.code === 'BOOKING_OVERLAP')).toBe(true);
    const confirmed = answers.filter((r) => r.status === 200).map((r) => r.body);
    expect(confirmed.filter((b) => b.startsAt.includes('T01:') || b.startsAt.includes('T02:'))).toHaveLength(1);
    expect(confirmed.filter((b) => b.startsAt === '2026-06-04T06:00:00.000Z')).toHaveLength(1);
    const overlaps = await env.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM facility_bookings x JOIN facility_bookings y ON x.id < y.id AND x.facility_id = y.facility_id
      WHERE x.status = 'confirmed' AND y.status = 'confirmed' AND tstzrange(x.starts_at, x.ends_at) && tstzrange(y.starts_at, y.ends_at)`);
    expect(overlaps.rows[0]!.n).toBe(0);
    const stillRequested = await env.db.select({ n: count() }).from(facilityBookings).where(and(eq(facilityBookings.facilityId, f.id), eq(facilityBookings.status, 'requested')));
    expect(stillRequested[0]!.n).toBe(18);
  });

  it('the database itself refuses overlapping confirmed bookings written past the application', async () => {
    const a = await login(labAdmin);
    const f = await published(a, { ...HPLC, name: '冷冻干燥机' });
    const base = { facilityId: f.id, requesterUserId: dairyUser.id, purpose: 'x', status: 'confirmed' };
    await env.db.insert(facilityBookings).values({ ...base, startsAt: new Date('2026-07-01T01:00:00Z'), endsAt: new Date('2026-07-01T03:00:00Z') });
    await expect(env.db.insert(facilityBookings).values({ ...base, startsAt: new Date('2026-07-01T02:59:00Z'), endsAt: new Date('2026-07-01T04:00:00Z') })).rejects.toThrow();
    // Touching ends do not overlap.
    await env.db.insert(facilityBookings).values({ ...base, startsAt: new Date('2026-07-01T03:00:00Z'), endsAt: new Date('2026-07-01T04:00:00Z') });
  });
});

describe('usage, fees and utilisation', () => {
  it('records use from a confirmed booking with the fee from the rule, and shows monthly utilisation and an export', async () => {
    const a = await login(labAdmin);
    const f = await published(a, { ...HPLC, name: '全自动凯氏定氮仪', feeUnit: 'sample', feeFen: 3500 });
    const d = await login(dairyUser);
    const noSamples = await d.post(`/api/v1/facilities/${f.id}/bookings`, { startsAt: at('2026-06-02', '14:00'), endsAt: at('2026-06-02', '16:00'), purpose: '饲料粗蛋白测定' });
    expect(noSamples.body.error.fields[0].path).toBe('samples');
    const b = await d.post(`/api/v1/facilities/${f.id}/bookings`, { startsAt: at('2026-06-02', '14:00'), endsAt: at('2026-06-02', '16:00'), purpose: '饲料粗蛋白测定', samples: 12 });
    expect(b.body.estimatedFeeFen).toBe(42000);
    const owner = await login(labStaff);
    const usageUrl = `/api/v1/facilities/${f.id}/usage`;
    const early = await owner.post(usageUrl, { bookingId: b.body.id, startedAt: at('2026-06-02', '14:00'), endedAt: at('2026-06-02', '16:00'), samples: 12 });
    expect(early.body.error.fields[0].path).toBe('endedAt');
    // The next day, after the slot (sessions do not last a day: sign in again).
    env.clock.set('2026-06-02T09:00:00Z');
    let later = await login(labStaff);
    const unconfirmed = await later.post(usageUrl, { bookingId: b.body.id, startedAt: at('2026-06-02', '14:00'), endedAt: at('2026-06-02', '16:00'), samples: 12 });
    expect(unconfirmed.body.error.fields[0].path).toBe('bookingId');
    env.clock.set('2026-06-01T02:00:00Z');
    const confirmed = await owner.post(`/api/v1/facility-bookings/${b.body.id}/confirm`, {});
    expect(confirmed.body).toMatchObject({ status: 'confirmed', actions: ['cancel'] });
    // Before the slot has started its use cannot be recorded, even for a period that has ended; nothing changes.
    const ahead = await owner.post(usageUrl, { bookingId: b.body.id, startedAt: at('2026-06-01', '08:30'), endedAt: at('2026-06-01', '09:30'), samples: 12 });
    expect([ahead.status, ahead.body.error.fields[0].path, ahead.body.error.fields[0].message]).toEqual([400, 'bookingId', '预约时段尚未开始，开始后才能登记使用']);
    expect((await env.db.select().from(facilityBookings).where(eq(facilityBookings.id, b.body.id)))[0]!.status).toBe('confirmed');
    expect((await env.db.select({ n: count() }).from(facilityUsage).where(eq(facilityUsage.facilityId, f.id)))[0]!.n).toBe(0);
    // Once the slot has started (15:00, an hour in) the owner is offered to record it, and no longer to cancel it;
    // the use must still have ended.
    env.clock.set('2026-06-02T07:00:00Z');
    const during = await login(labStaff);
    const listed = await during.get(`/api/v1/facility-bookings?scope=owner&facilityId=${f.id}`);
    expect(listed.body.items.find((x: { id: string }) => x.id === b.body.id)).toMatchObject({ status: 'confirmed', actions: ['record_usage'] });
    const unfinished = await during.post(usageUrl, { bookingId: b.body.id, startedAt: at('2026-06-02', '14:00'), endedAt: at('2026-06-02', '16:00'), samples: 12 });
    expect(unfinished.body.error.fields[0].path).toBe('endedAt');
    env.clock.set('2026-06-02T09:00:00Z');
    later = await login(labStaff);
    const used = await later.post(usageUrl, { bookingId: b.body.id, startedAt: at('2026-06-02', '14:00'), endedAt: at('2026-06-02', '16:00'), samples: 12 });
    expect(used.body).toMatchObject({ feeFen: 42000, userName: dairy.name });
    expect((await env.db.select().from(facilityBookings).where(eq(facilityBookings.id, b.body.id)))[0]!.status).toBe('completed');
    expect((await later.post(usageUrl, { bookingId: b.body.id, startedAt: at('2026-06-02', '14:00'), endedAt: at('2026-06-02', '16:00') })).status).toBe(400);
    const walkIn = await later.post(usageUrl, { userName: '学院食品检测中心', startedAt: at('2026-06-01', '09:00'), endedAt: at('2026-06-01', '12:00'), samples: 4, feeFen: 0, note: '校内教学' });
    expect(walkIn.body.feeFen).toBe(0);
    expect((await (await login(dairyUser)).post(usageUrl, { userName: 'x', startedAt: at('2026-06-01', '09:00'), endedAt: at('2026-06-01', '10:00') })).status).toBe(403);

    const list = await later.get(usageUrl);
    expect(list.body).toMatchObject({ total: 2, totalFeeFen: 42000 });
    const u = await later.get(`/api/v1/facilities/${f.id}/utilisation?year=2026`);
    const june = u.body.months[5];
    // June 2026 has 22 weekdays of 9 opening hours; 5 hours used.
    expect(june).toMatchObject({ month: 6, usedMinutes: 300, openMinutes: 22 * 540, uses: 2, feeFen: 42000 });
    expect(june.percent).toBeCloseTo(2.5, 1);
    const xlsx = await later.request('GET', `/api/v1/facilities/${f.id}/usage/export.xlsx?year=2026`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    expect(xlsx.headers['x-export-rows']).toBe('2');
    expect((await (await login(dairyUser)).get(`/api/v1/facilities/${f.id}/utilisation?year=2026`)).status).toBe(404);
    expect((await env.db.select({ n: count() }).from(facilityUsage).where(eq(facilityUsage.facilityId, f.id)))[0]!.n).toBe(2);
    env.clock.set('2026-06-01T02:00:00Z');
  });
});
