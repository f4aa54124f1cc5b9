import { createHash } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { achievements, demands } from '../../server/modules/catalog/schema.js';
import { files } from '../../server/modules/files/schema.js';
import { mailOutbox } from '../../server/modules/mail/schema.js';
import { caseEvents, matchCases } from '../../server/modules/matchmaking/schema.js';
import { sendCaseReminders } from '../../server/modules/matchmaking/send-reminders.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, type TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement, createDemand } from '../support/listing-factory.js';

const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;

async function person(roles: Role[], organisationId?: string | null, extra: { status?: 'active' | 'disabled' } = {}): Promise<User> {
  return createUser(env.db, { roles, organisationId, ...extra });
}
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

// The achievement holder: an agricultural research institute of the district.
const farm = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业技术推广研究所' });
await env.db
  .update(organisations)
  .set({ contactName: '马所长', contactPhone: '0935-2210001', contactEmail: 'office@nongji.example.test', address: '凉州区南大街 8 号' })
  .where(eq(organisations.id, farm.id));
// The enterprise with a demand.
const dairy = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
const outsiderOrg = await createOrg(env.db);
const pendingOrg = await createOrg(env.db, { status: 'pending' });
const brokerOrg = await createOrg(env.db, { type: 'service_institution', name: '凉州区技术转移服务中心' });

const farmAdmin = await person(['org_admin', 'researcher'], farm.id);
const farmAuthor = await person(['researcher'], farm.id);
const dairyAdmin = await person(['org_admin', 'enterprise_member'], dairy.id);
const dairyMember = await person(['enterprise_member'], dairy.id);
const outsider = await person(['enterprise_member'], outsiderOrg.id);
const pendingMember = await person(['enterprise_member'], pendingOrg.id);
const reviewer = await person(['reviewer']);
const broker = await person(['broker', 'service_member'], brokerOrg.id);
const broker2 = await person(['broker'], brokerOrg.id);
const farmBroker = await person(['broker'], farm.id);
const notBroker = await person(['service_member'], brokerOrg.id);
const retiredBroker = await person(['broker'], brokerOrg.id, { status: 'disabled' });

const silage = await createAchievement(
  env.db,
  {
    title: '甜高粱青贮饲料复合菌剂发酵技术',
    summary: '以乳酸菌与布氏乳杆菌复配的青贮菌剂，抑制开窖后二次发酵，适用于凉州区奶牛养殖场的甜高粱与全株玉米青贮，干物质损失降低四成。',
    keywords: ['青贮', '菌剂', '甜高粱'],
    industrySection: 'A',
    contact: { name: '李研究员', phone: '13909351111', email: 'li@nongji.example.test' },
  },
  { organisationId: farm.id },
);
const draft = await createAchievement(env.db, { title: '苜蓿裹包青贮工艺（草稿）', summary: '尚未发布的苜蓿裹包青贮工艺草稿，不应被任何外单位看到或对接。' }, { organisationId: farm.id, status: 'draft' });
const demand = await createDemand(
  env.db,
  {
    title: '奶牛场青贮饲料二次发酵防控',
    problem: '牧场青贮窖开窖后一周内温度升高、霉变严重，需要可在规模牧场推广的青贮添加剂与管理方案。',
    industrySection: 'C',
    contact: { name: '赵经理', phone: '13809352222' },
  },
  { organisationId: dairy.id },
);
const otherAchievement = await createAchievement(
  env.db,
  { title: '奶牛乳房炎快速检测试纸', summary: '基于胶体金的奶牛隐性乳房炎现场快速检测试纸，十分钟出结果，适合规模牧场日常筛查使用。' },
  { organisationId: farm.id },
);
await env.db.update(achievements).set({ createdBy: farmAuthor.id }).where(inArray(achievements.id, [silage.id, otherAchievement.id]));
await env.db.update(demands).set({ createdBy: dairyMember.id }).where(eq(demands.id, demand.id));

const url = (id: string, tail = '') => `/api/v1/matchmaking/cases/${id}${tail}`;
const caseCount = async () => (await env.db.select({ n: count() }).from(matchCases))[0]!.n;
const kindsFor = async (userId: string, kind: string) =>
  (await env.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)))).length;

async function open(client: TestClient, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/matchmaking/cases', { origin: 'listing', message: '我们牧场青贮二次发酵问题突出，希望了解菌剂的使用效果和价格。', ...body });
  return res;
}

async function attachment(organisationId: string, uploadedBy: string, name = '牧场青贮检测报告.pdf') {
  const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const [f] = await env.db
    .insert(files)
    .values({ organisationId, uploadedBy, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
    .returning();
  return f!;
}

describe('expressing interest', () => {
  it('refuses unverified organisations, own listings, unpublished listings and malformed bodies, changing nothing', async () => {
    const p = await login(pendingMember);
    const d = await login(dairyMember);
    const f = await login(farmAuthor);
    const before = await caseCount();

    const unverified = await open(p, { achievementId: silage.id });
    expect([unverified.status, unverified.body.error.code]).toEqual([403, 'ORG_NOT_VERIFIED']);

    const own = await open(f, { achievementId: silage.id });
    expect(own.status).toBe(400);
    expect(own.body.error.fields).toEqual([expect.objectContaining({ path: 'achievementId' })]);
    const ownDemand = await open(d, { demandId: demand.id });
    expect(ownDemand.body.error.fields).toEqual([expect.objectContaining({ path: 'demandId' })]);

    const neither = await open(await login(outsider), { achievementId: silage.id, demandId: demand.id });
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields[0].path).toBe('demandId');

    expect((await open(d, { achievementId: draft.id })).status).toBe(404);
    expect((await open(d, { achievementId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);

    const noListing = await open(d, {});
    expect(noListing.status).toBe(400);
    expect(noListing.body.error.fields[0].path).toBe('achievementId');
    const long = await open(d, { achievementId: silage.id, message: '长'.repeat(4001) });
    expect(long.body.error.fields[0].path).toBe('message');
    const badOrigin = await open(d, { achievementId: silage.id, origin: 'email' });
    expect(badOrigin.body.error.fields[0].path).toBe('origin');

    // The bureau does not open cases.
    expect((await open(await login(reviewer), { achievementId: silage.id })).status).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it('opens a case with the listing’s owner, tells its administrators and author, and refuses a second open one', async () => {
    const d = await login(dairyMember);
    const res = await open(d, { achievementId: silage.id, demandId: demand.id, origin: 'match' });
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c).toMatchObject({
      status: 'interest',
      origin: 'match',
      awaiting: 'counterpart',
      mySide: 'initiator',
      initiator: { organisation: { id: dairy.id }, contacts: null },
      counterpart: { organisation: { id: farm.id, name: farm.name }, contacts: null },
      achievement: { id: silage.id, title: silage.content.title },
      demand: { id: demand.id },
      industrySection: 'C',
      contractId: null,
    });
    expect(c.actions).toEqual(['close', 'message']);
    expect(c.events).toEqual([expect.objectContaining({ type: 'status', toStatus: 'interest', side: 'initiator', body: expect.stringContaining('二次发酵') })]);
    expect(await kindsFor(farmAdmin.id, 'case.interest')).toBe(1);
    expect(await kindsFor(farmAuthor.id, 'case.interest')).toBe(1);
    expect(await kindsFor(dairyAdmin.id, 'case.interest')).toBe(0);
    const [audit] = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.open'), eq(auditLog.entityId, c.id)));
    expect(audit).toBeDefined();

    const again = await open(await login(dairyAdmin), { achievementId: silage.id, demandId: demand.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(c.id);
    // The other organisation over the same listings: the same pair, the same open case.
    const reverse = await open(await login(farmAuthor), { achievementId: silage.id, demandId: demand.id });
    expect(reverse.status).toBe(409);
    expect(reverse.body.error.message).toContain(c.id);
    // A different listing is a different case.
    expect((await open(d, { achievementId: otherAchievement.id })).status).toBe(200);
  });
});

describe('the case workflow', () => {
  it('exchanges contacts only once the counterpart accepts, and refuses wrong parties and states', async () => {
    const d = await login(dairyMember);
    const f = await login(farmAuthor);
    const out = await login(outsider);
    const rev = await login(reviewer);
    const c = (await open(d, { achievementId: silage.id, origin: 'search' })).body;

    // Before acceptance nobody sees contacts; outsiders see nothing at all.
    expect((await f.get(url(c.id))).body).toMatchObject({ mySide: 'counterpart', initiator: { contacts: null }, counterpart: { contacts: null } });
    expect((await f.get(url(c.id))).body.actions).toEqual(['accept', 'decline', 'close', 'message']);
    expect((await out.get(url(c.id))).status).toBe(404);
    expect((await out.post(url(c.id, '/accept'), {})).status).toBe(404);
    expect((await out.post(url(c.id, '/messages'), { text: '我们也想参与' })).status).toBe(404);
    expect((await rev.get(url(c.id))).body.mySide).toBe('bureau');
    expect((await rev.post(url(c.id, '/accept'), {})).status).toBe(403);
    // The side that asked cannot accept its own interest; nobody negotiates before contact.
    expect((await d.post(url(c.id, '/accept'), {})).status).toBe(403);
    expect((await d.post(url(c.id, '/decline'), { reason: 'price' })).status).toBe(403);
    expect((await f.post(url(c.id, '/negotiation'), {})).status).toBe(409);
    expect((await f.post(url(c.id, '/agreement'), { note: '签约' })).status).toBe(409);
    expect((await env.db.select().from(matchCases).where(eq(matchCases.id, c.id)))[0]!.status).toBe('interest');

    const accepted = await f.post(url(c.id, '/accept'), { message: '欢迎来所里看青贮示范点。' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'contact', awaiting: 'initiator' });
    const seen = (await d.get(url(c.id))).body;
    expect(seen.counterpart.contacts).toEqual({
      listing: { name: '李研究员', phone: '13909351111', email: 'li@nongji.example.test' },
      organisation: { contactName: '马所长', contactPhone: '0935-2210001', contactEmail: 'office@nongji.example.test', address: '凉州区南大街 8 号' },
    });
    // The initiator named no listing of its own: only its organisation's contact fields.
    expect(seen.initiator.contacts.listing).toBeNull();
    expect(await kindsFor(dairyMember.id, 'case.accepted')).toBe(1);
    expect((await f.post(url(c.id, '/accept'), {})).status).toBe(409);
  });

  it('goes through negotiation to agreement with timeline, notices and audit, then stays final', async () => {
    const d = await login(dairyMember);
    const f = await login(farmAuthor);
    const feed = await createDemand(
      env.db,
      { title: '高产奶牛青贮日粮配方优化', problem: '牧场希望在不增加成本的前提下优化青贮日粮配方，提高单产并降低乳脂率波动。', contact: { name: '赵经理', phone: '13809352222' } },
      { organisationId: dairy.id },
    );
    const c = (await open(d, { achievementId: silage.id, demandId: feed.id, origin: 'match' })).body.id as string;
    await f.post(url(c, '/accept'), {});
    const listingContact = (await f.get(url(c))).body.initiator.contacts.listing;
    expect(listingContact).toEqual({ name: '赵经理', phone: '13809352222' });

    const n = await d.post(url(c, '/negotiation'), { note: '希望先在一个牧场小试。' });
    expect(n.body).toMatchObject({ status: 'negotiation', awaiting: 'counterpart' });
    expect(await kindsFor(farmAuthor.id, 'case.status')).toBeGreaterThan(0);

    const noNote = await f.post(url(c, '/agreement'), {});
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fields[0].path).toBe('note');
    const agreed = await f.post(url(c, '/agreement'), { note: '双方同意以技术服务方式在两个牧场示范，服务费面议。' });
    expect(agreed.body).toMatchObject({ status: 'agreement', awaiting: null, contractId: null });
    expect(agreed.body.events.map((e: { toStatus: string | null }) => e.toStatus)).toEqual(['interest', 'contact', 'negotiation', 'agreement']);
    expect(agreed.body.events.at(-1)).toMatchObject({ side: 'counterpart', body: expect.stringContaining('技术服务') });
    expect((await d.post(url(c, '/close'), { reason: 'price' })).status).toBe(409);
    expect((await d.post(url(c, '/negotiation'), {})).status).toBe(409);
    const actions = (await env.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, c))).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['case.open', 'case.accept', 'case.negotiate', 'case.agree']));
  });

  it('lets the counterpart decline with a reason from the taxonomy; a closed case takes nothing more', async () => {
    const dairyOther = await createAchievement(env.db, { title: '牧场粪污好氧堆肥工艺', summary: '牛粪与秸秆混合条垛式好氧堆肥，二十天完成腐熟，产品符合有机肥行业标准的要求。' }, { organisationId: dairy.id });
    const f = await login(farmAuthor);
    const d = await login(dairyAdmin);
    const c = (await open(f, { achievementId: dairyOther.id, message: '我所可提供堆肥菌剂，想了解贵公司工艺的授权方式。' })).body.id as string;

    expect((await d.post(url(c, '/decline'), {})).body.error.fields[0].path).toBe('reason');
    expect((await d.post(url(c, '/decline'), { reason: 'other' })).body.error.fields[0].path).toBe('note');
    expect((await d.post(url(c, '/decline'), { reason: 'sunny' })).status).toBe(400);
    const declined = await d.post(url(c, '/decline'), { reason: 'too_early', note: '工艺还在中试。' });
    expect(declined.body).toMatchObject({ status: 'closed', closedReason: 'too_early', closedNote: '工艺还在中试。', awaiting: null, actions: [] });
    expect(declined.body.counterpart.contacts).toBeNull();
    expect(await kindsFor(farmAuthor.id, 'case.closed')).toBeGreaterThan(0);

    expect((await f.post(url(c, '/messages'), { text: '好的，谢谢。' })).status).toBe(409);
    expect((await d.post(url(c, '/accept'), {})).status).toBe(409);
    expect((await f.post(url(c, '/close'), { reason: 'price' })).status).toBe(409);
    // Closed, a new case over the same listing may be opened.
    expect((await open(f, { achievementId: dairyOther.id })).status).toBe(200);
  });

  it('keeps contacts visible after a case that got that far closes', async () => {
    const a = await createAchievement(env.db, { title: '全株玉米青贮收获期判定方法', summary: '以籽粒乳线位置与全株干物质含量判定青贮玉米最佳收获期的方法，适合河西灌区推广应用。' }, { organisationId: farm.id });
    const d = await login(dairyMember);
    const f = await login(farmAdmin);
    const c = (await open(d, { achievementId: a.id })).body.id as string;
    await f.post(url(c, '/accept'), {});
    const closed = await d.post(url(c, '/close'), { reason: 'benefit_unclear' });
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: 'benefit_unclear' });
    expect(closed.body.counterpart.contacts.organisation.contactName).toBe('马所长');
  });
});

describe('messages and files', () => {
  it('keeps messages and files between the parties, newest last, and outsiders out', async () => {
    const a = await createAchievement(env.db, { title: '牛舍环境智能监测系统', summary: '监测牛舍氨气、温湿度与光照，联动风机与喷淋设备，降低奶牛热应激，提高单产约百分之五。' }, { organisationId: farm.id });
    const d = await login(dairyMember);
    const f = await login(farmAuthor);
    const out = await login(outsider);
    const c = (await open(d, { achievementId: a.id })).body.id as string;

    expect((await d.post(url(c, '/messages'), {})).body.error.fields[0].path).toBe('text');
    expect((await d.post(url(c, '/messages'), { text: '长'.repeat(4001) })).status).toBe(400);
    const m = await f.post(url(c, '/messages'), { text: '请问牛舍规模和现有风机型号？' });
    expect(m.status).toBe(200);
    expect(m.body.awaiting).toBe('initiator');
    expect(await kindsFor(dairyMember.id, 'case.message')).toBeGreaterThan(0);

    const report = await attachment(dairy.id, dairyMember.id);
    const foreign = await attachment(outsiderOrg.id, outsider.id, '别家的文件.pdf');
    const bad = await d.post(url(c, '/messages'), { fileId: foreign.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('fileId');
    const withFile = await d.post(url(c, '/messages'), { text: '附上牛舍布局和检测报告。', fileId: report.id });
    expect(withFile.body.awaiting).toBe('counterpart');
    const timeline = withFile.body.events;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(['status', 'message', 'file']);
    expect(timeline.at(-1)).toMatchObject({ side: 'initiator', file: { id: report.id, filename: '牧场青贮检测报告.pdf' } });
    expect(timeline.map((e: { createdAt: string }) => e.createdAt)).toEqual([...timeline.map((e: { createdAt: string }) => e.createdAt)].sort());

    // The other party downloads it through the case; outsiders and unrelated files are not found.
    const dl = await f.get(url(c, `/files/${report.id}`));
    expect(dl.status).toBe(200);
    expect(String(dl.headers['content-type'])).toBe('application/pdf');
    expect((await out.get(url(c, `/files/${report.id}`))).status).toBe(404);
    expect((await f.get(url(c, `/files/${foreign.id}`))).status).toBe(404);
    expect((await f.get(`/api/v1/files/${report.id}`)).status).toBe(404);

    const outsiderList = (await out.get('/api/v1/matchmaking/cases')).body;
    expect(outsiderList.items.map((i: { id: string }) => i.id)).not.toContain(c);
    const mine = (await f.get('/api/v1/matchmaking/cases')).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(c);
    // The audit row records that a message was written, not what it said.
    const [row] = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.message'), eq(auditLog.entityId, c)));
    expect(JSON.stringify(row!.changes)).not.toContain('牛舍规模');
  });
});

describe('brokers', () => {
  it('are assigned by the bureau only when they are active brokers outside both organisations', async () => {
    const a = await createAchievement(env.db, { title: '青贮窖密封覆膜新材料', summary: '具有氧气阻隔层的青贮窖密封复合膜，透氧率较普通黑白膜降低九成，延长青贮开窖后的有氧稳定期。' }, { organisationId: farm.id });
    const d = await login(dairyMember);
    const rev = await login(reviewer);
    const c = (await open(d, { achievementId: a.id })).body.id as string;

    for (const who of [notBroker, retiredBroker, farmBroker, dairyMember]) {
      const res = await rev.post(url(c, '/broker'), { brokerUserId: who.id });
      expect([who.username, res.status, res.body.error?.fields?.[0]?.path]).toEqual([who.username, 400, 'brokerUserId']);
    }
    expect((await rev.post(url(c, '/broker'), { brokerUserId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await d.post(url(c, '/broker'), { brokerUserId: broker.id })).status).toBe(403);
    expect((await env.db.select().from(matchCases).where(eq(matchCases.id, c)))[0]!.brokerUserId).toBeNull();

    const assigned = await rev.post(url(c, '/broker'), { brokerUserId: broker.id });
    expect(assigned.body).toMatchObject({ broker: { id: broker.id } });
    expect(assigned.body.events.at(-1)).toMatchObject({ type: 'broker', side: 'bureau' });
    expect(await kindsFor(broker.id, 'case.broker_assigned_to_you')).toBe(1);
    expect(await kindsFor(dairyMember.id, 'case.broker_assigned')).toBeGreaterThan(0);

    // The broker sees the case, writes in it, moves it like a party, closes it with a reason.
    const b = await login(broker);
    const view = (await b.get(url(c))).body;
    expect(view.mySide).toBe('broker');
    expect(view.actions).toEqual(['close', 'message']);
    expect((await b.post(url(c, '/accept'), {})).status).toBe(403);
    const note = await b.post(url(c, '/messages'), { text: '我来协调双方到牧场现场看一下。' });
    expect(note.body.events.at(-1)).toMatchObject({ type: 'message', side: 'broker' });
    // A broker's message leaves whose move it is alone.
    expect(note.body.awaiting).toBe('counterpart');
    await (await login(farmAuthor)).post(url(c, '/accept'), {});
    expect((await b.post(url(c, '/negotiation'), {})).body.status).toBe('negotiation');

    // Another broker neither sees it nor may claim it.
    const b2 = await login(broker2);
    expect((await b2.get(url(c))).status).toBe(404);
    const taken = await b2.post(url(c, '/claim'), {});
    expect(taken.status).toBe(409);

    const closed = await b.post(url(c, '/close'), { reason: 'no_response' });
    expect(closed.body).toMatchObject({ status: 'closed', closedReason: 'no_response' });
    expect((await rev.post(url(c, '/broker'), { brokerUserId: broker2.id })).status).toBe(409);
  });

  it('claim open cases without a broker and keep a workload list, stalest first', async () => {
    const a = await createAchievement(env.db, { title: '奶牛发情智能识别项圈', summary: '基于三轴加速度传感器的奶牛发情识别项圈，发情检出率百分之九十以上，减少人工观察工作量。' }, { organisationId: farm.id });
    const d = await login(dairyMember);
    const c = (await open(d, { achievementId: a.id })).body.id as string;
    const b2 = await login(broker2);

    const unclaimed = (await b2.get('/api/v1/matchmaking/cases?scope=unclaimed')).body;
    const listed = unclaimed.items.find((i: { id: string }) => i.id === c);
    expect(listed.actions).toContain('claim');
    expect((await d.get('/api/v1/matchmaking/cases?scope=unclaimed')).status).toBe(403);
    // A broker of one of the organisations may not take it.
    expect((await (await login(farmBroker)).post(url(c, '/claim'), {})).status).toBe(403);

    const claimed = await b2.post(url(c, '/claim'), {});
    expect(claimed.body).toMatchObject({ broker: { id: broker2.id }, mySide: 'broker' });
    expect(claimed.body.events.at(-1)).toMatchObject({ type: 'broker', side: 'broker' });
    expect((await (await login(broker)).post(url(c, '/claim'), {})).status).toBe(409);
    expect(await kindsFor(farmAdmin.id, 'case.broker_assigned')).toBeGreaterThan(0);

    env.clock.advance(3 * 86400);
    const work = (await (await login(broker2)).get('/api/v1/matchmaking/broker/cases')).body.items;
    expect(work[0]).toMatchObject({ id: c, awaiting: 'counterpart', awaitingOrganisation: { id: farm.id }, daysSinceActivity: 3 });
    expect(work[0].workingDaysSinceActivity).toBe(3);
    expect((await (await login(dairyMember)).get('/api/v1/matchmaking/broker/cases')).status).toBe(403);

    // Closed cases cannot be claimed.
    const other = (await open(await login(dairyMember), { achievementId: otherAchievement.id, demandId: demand.id })).body.id as string;
    await (await login(farmAdmin)).post(url(other, '/decline'), { reason: 'route_unclear' });
    expect((await (await login(broker)).post(url(other, '/claim'), {})).status).toBe(409);
  });
});

describe('reminders and escalation', () => {
  it('reminds the silent side after five working days (across 端午 and a weekend), then escalates', async () => {
    // Wednesday 17 June 2026, 10:00 in the district; the Dragon Boat Festival is Friday 19 June.
    env.clock.set('2026-06-17T02:00:00Z');
    const a1 = await createAchievement(env.db, { title: '牧草种子丸粒化包衣技术', summary: '苜蓿与燕麦种子的丸粒化包衣配方和工艺，提高干旱沙化地的出苗率，适合飞播和机播使用。' }, { organisationId: farm.id });
    const a2 = await createAchievement(env.db, { title: '沙化草地补播改良技术', summary: '针对凉州区北部沙化草地的免耕补播改良技术规程，配套耐旱草种组合，三年草地盖度提高一倍。' }, { organisationId: farm.id });
    const a3 = await createAchievement(env.db, { title: '羊场智能饲喂站', summary: '按个体体重与生长阶段自动投喂精料的羊场饲喂站，节约精饲料百分之十二，减少人工投喂劳动。' }, { organisationId: farm.id });
    await env.db.update(achievements).set({ createdBy: farmAuthor.id }).where(inArray(achievements.id, [a1.id, a2.id, a3.id]));
    const d = await login(dairyMember);
    const quiet = (await open(d, { achievementId: a1.id })).body.id as string;
    const brokered = (await open(d, { achievementId: a2.id })).body.id as string;
    const answered = (await open(d, { achievementId: a3.id })).body.id as string;
    await (await login(reviewer)).post(url(brokered, '/broker'), { brokerUserId: broker.id });

    const reminders = async (id: string) => env.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, 'reminder')));
    const row = async (id: string) => (await env.db.select().from(matchCases).where(eq(matchCases.id, id)))[0]!;
    const mails = async () => env.db.select().from(mailOutbox).where(inArray(mailOutbox.toAddress, [farmAdmin.email!, farmAuthor.email!]));
    const remindedUsers = async (id: string) =>
      (await env.db.select().from(notifications).where(and(eq(notifications.kind, 'case.reminder'), eq(notifications.link, `/console/cases/${id}`)))).map((n) => n.userId);
    const day = async (iso: string) => {
      env.clock.set(`${iso}T02:00:00Z`);
      await env.drainJobs();
    };

    // Thursday 25 June is only the fifth working day after the 17th: nothing yet.
    await day('2026-06-25');
    expect(await reminders(quiet)).toHaveLength(0);
    expect((await row(quiet)).remindedAt).toBeNull();

    // Friday 26 June: five whole working days have passed.
    await day('2026-06-26');
    expect(await reminders(quiet)).toHaveLength(1);
    expect((await row(quiet)).remindedAt?.toISOString()).toBe('2026-06-26T02:00:00.000Z');
    const told = await env.db.select().from(notifications).where(and(eq(notifications.kind, 'case.reminder'), eq(notifications.link, `/console/cases/${quiet}`)));
    expect(told.map((n) => n.userId).sort()).toEqual([farmAdmin.id, farmAuthor.id].sort());
    expect(told[0]!.params).toMatchObject({ days: 6, otherName: dairy.name });
    expect((await mails()).filter((m) => m.subject.includes('牧草种子'))).toHaveLength(2);
    // The initiator, who is not silent, is not reminded.
    expect(await remindedUsers(quiet)).not.toContain(dairyMember.id);

    // Once per silence period: another run the same day reminds no one again.
    env.clock.advance(3600);
    await sendCaseReminders(env.db, env.clock.now());
    expect(await reminders(quiet)).toHaveLength(1);

    // The farm answers one case on Monday 29 June: that case waits on the enterprise now.
    env.clock.set('2026-06-29T02:00:00Z');
    await (await login(farmAuthor)).post(url(answered, '/messages'), { text: '抱歉回复晚了，请问羊场存栏多少？' });
    expect((await row(answered))).toMatchObject({ awaiting: 'initiator', remindedAt: null });

    // Friday 3 July: only five working days since the reminder.
    await day('2026-07-03');
    expect((await row(quiet)).escalatedAt).toBeNull();
    // Saturday: no rounds on days off.
    await day('2026-07-04');
    expect((await row(quiet)).escalatedAt).toBeNull();

    // Monday 6 July: escalated, to the reviewers (no broker) and to the broker of the other case.
    await day('2026-07-06');
    expect((await row(quiet)).escalatedAt?.toISOString()).toBe('2026-07-06T02:00:00.000Z');
    expect((await row(brokered)).escalatedAt).not.toBeNull();
    const esc = await env.db.select().from(notifications).where(eq(notifications.kind, 'case.escalated'));
    expect(esc.filter((n) => n.link === `/console/cases/${quiet}`).map((n) => n.userId)).toContain(reviewer.id);
    expect(esc.filter((n) => n.link === `/console/cases/${brokered}`).map((n) => n.userId)).toEqual([broker.id]);
    // The answered case is not due (five working days since the answer, not more).
    expect(await reminders(answered)).toHaveLength(1);
    expect((await row(answered)).escalatedAt).toBeNull();

    // Tuesday 7 July: the enterprise has been silent five whole working days on the answered case.
    await day('2026-07-07');
    expect(await reminders(answered)).toHaveLength(2);
    expect((await remindedUsers(answered)).filter((u) => u === dairyMember.id)).toHaveLength(1);
    // Escalated cases are not escalated again.
    await day('2026-07-08');
    const escalations = await env.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, quiet), eq(caseEvents.type, 'escalation')));
    expect(escalations).toHaveLength(1);
  });
});
