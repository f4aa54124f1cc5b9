import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/modules/audit/schema.js';
import { notifications } from '../../server/modules/notifications/schema.js';
import { users } from '../../server/modules/identity/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { pdfPageTexts } from '../../server/pdf/inspect.js';
import { canonicalJson } from '../../server/modules/trading/confirmations.js';
import { tradeDealConfirmations } from '../../server/modules/trading/schema.js';
import type { Role } from '../../shared/roles.js';
import { signIn, TestClient } from '../support/client.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';
import { createAchievement } from '../support/listing-factory.js';

/**
 * Deal confirmation (成交确认书): once a deal is final, a member of the seller
 * and of the buyer each confirm its content on the platform with their
 * password, against the content's SHA-256. The test clock starts Monday
 * 2026-06-01 10:00 district time; five working days of notice end on the 8th.
 */
const env = await setupTestEnv();
type User = Awaited<ReturnType<typeof createUser>>;
const person = (roles: Role[], organisationId?: string | null) => createUser(env.db, { roles, organisationId });
const login = (u: User) => signIn(env.app, u.username, PASSWORD);

const institute = await createOrg(env.db, { type: 'research_institute', name: '凉州区农业科学研究所' });
const dairy = await createOrg(env.db, { name: '武威祁连乳业有限公司' });
const mill = await createOrg(env.db, { name: '凉州区面粉加工有限公司' });

const holder = await person(['org_admin', 'researcher'], institute.id);
const holderColleague = await person(['researcher'], institute.id);
const buyer = await person(['org_admin', 'enterprise_member'], dairy.id);
const buyerColleague = await person(['enterprise_member'], dairy.id);
/** A member of the buyer's organisation without the permission to trade for it. */
const buyerBroker = await person(['broker'], dairy.id);
const outsider = await person(['org_admin', 'enterprise_member'], mill.id);
const reviewer = await person(['reviewer']);

let n = 0;
async function finalDeal(opts: { final?: boolean } = { final: true }) {
  n += 1;
  const a = await createAchievement(
    env.db,
    { title: `旱地春小麦抗旱节水栽培技术 ${n}`, summary: '适用于凉州区的实用技术，已在示范基地完成中试，具备转让条件。' },
    { organisationId: institute.id, index: false },
  );
  const h = await login(holder);
  const listing = await h.post('/api/v1/trading/listings', {
    achievementId: a.id,
    mode: 'fixed',
    priceFen: 12_345_678,
    transferMode: 'transfer',
    terms: '专利权转让，含技术资料一套及三个月现场指导。',
    listedUntil: '2026-09-01T00:00:00+08:00',
  });
  expect(listing.status, JSON.stringify(listing.body)).toBe(200);
  const deal = await (await login(buyer)).post(`/api/v1/trading/listings/${listing.body.id}/buy`, { priceFen: 12_345_678 });
  expect(deal.status, JSON.stringify(deal.body)).toBe(200);
  if (opts.final) {
    env.clock.set('2026-06-09T00:00:00Z');
    await env.drainJobs();
  }
  return deal.body as { id: string; achievement: { title: string } };
}

beforeEach(() => env.clock.set('2026-06-01T02:00:00Z'));

/** The PDF's bytes (the test client decodes bodies as text). */
async function pdfOf(c: TestClient, dealId: string) {
  const res = await env.app.inject({ method: 'GET', url: `/api/v1/trading/deals/${dealId}/confirmation.pdf`, headers: c.cookie ? { cookie: c.cookie } : {} });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
}
const confirmations = async (dealId: string) => (await env.db.select().from(tradeDealConfirmations).where(eq(tradeDealConfirmations.dealId, dealId))).length;
const noticesFor = async (userId: string, dealId: string) =>
  (await env.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'trade.deal_confirmed'), eq(notifications.link, `/trading/deals/${dealId}`))))[0]!.n;

describe('deal confirmation (成交确认书)', () => {
  it('both parties confirm a final deal with their password; both are notified and the PDF is served', async () => {
    const deal = await finalDeal();
    const h = await login(holder);
    const view = await h.get(`/api/v1/trading/deals/${deal.id}/confirmation`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    expect(view.body.content).toMatchObject({
      version: 1,
      dealId: deal.id,
      achievement: { title: deal.achievement.title },
      seller: { id: institute.id, name: '凉州区农业科学研究所', creditCode: institute.creditCode ?? null },
      buyer: { id: dairy.id, name: '武威祁连乳业有限公司' },
      amountFen: 12_345_678,
      transferMode: 'transfer',
      method: 'price',
      auction: null,
      offerFen: null,
      noticeWorkingDays: 5,
    });
    expect(view.body.content.finalisedAt).not.toBeNull();
    // The hash is the SHA-256 of the canonical JSON of the content shown: anyone can recompute it.
    expect(view.body.contentHash).toBe(createHash('sha256').update(canonicalJson(view.body.content)).digest('hex'));
    expect([view.body.seller, view.body.buyer, view.body.confirmedAt, view.body.mySide, view.body.actions]).toEqual([null, null, null, 'seller', ['confirm']]);
    expect((await h.get(`/api/v1/trading/deals/${deal.id}`)).body.actions).toContain('confirmation');

    const pending = await pdfOf(h, deal.id);
    expect([pending.status, pending.type]).toEqual([200, 'application/pdf']);
    const pendingText = pdfPageTexts(pending.bytes).join('\n');
    expect(pendingText).toContain('成交确认书');
    expect(pendingText).toContain('待确认');
    expect(pendingText).toContain(view.body.contentHash);

    const first = await h.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: view.body.contentHash });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.seller).toMatchObject({ side: 'seller', organisation: { id: institute.id }, confirmedBy: { id: holder.id }, confirmedAt: '2026-06-09T00:00:00.000Z', current: true });
    expect([first.body.buyer, first.body.confirmedAt, first.body.actions]).toEqual([null, null, []]);
    expect(await noticesFor(buyer.id, deal.id)).toBe(0);
    // The organisation's trading list says which sides confirmed (the page shows "awaiting the other side").
    const mineHalf = (await h.get('/api/v1/trading/mine')).body.deals.find((x: { id: string }) => x.id === deal.id);
    expect([mineHalf.confirmedSides, mineHalf.confirmedAt]).toEqual([['seller'], null]);
    // One side is not enough for the contract form's note.
    const halfway = await h.get(`/api/v1/contracts/prefill?dealId=${deal.id}`);
    expect([halfway.status, halfway.body.dealConfirmedAt]).toEqual([200, undefined]);

    env.clock.set('2026-06-09T03:00:00Z');
    const b = await login(buyerColleague);
    const seen = await b.get(`/api/v1/trading/deals/${deal.id}/confirmation`);
    expect([seen.body.mySide, seen.body.actions]).toEqual(['buyer', ['confirm']]);
    const second = await b.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: seen.body.contentHash });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.buyer).toMatchObject({ side: 'buyer', confirmedBy: { id: buyerColleague.id }, current: true });
    expect(second.body.confirmedAt).toBe('2026-06-09T03:00:00.000Z');
    const mineBoth = (await b.get('/api/v1/trading/mine')).body.deals.find((x: { id: string }) => x.id === deal.id);
    expect([mineBoth.confirmedSides, mineBoth.confirmedAt]).toEqual([['buyer', 'seller'], '2026-06-09T03:00:00.000Z']);
    // Both organisations' administrators and both confirming people hear of it, once.
    for (const u of [holder, buyer, buyerColleague]) expect(await noticesFor(u.id, deal.id)).toBe(1);
    expect(await noticesFor(outsider.id, deal.id)).toBe(0);
    // The seller's contract registration, prefilled from the deal, says both confirmed (the signed PDF is still required).
    const prefill = await (await login(holder)).get(`/api/v1/contracts/prefill?dealId=${deal.id}`);
    expect([prefill.status, prefill.body.dealId, prefill.body.dealConfirmedAt]).toEqual([200, deal.id, '2026-06-09T03:00:00.000Z']);

    // Audited, with the request's address and user agent on the audit row (not copied into the confirmation).
    const rows = await env.db.select().from(tradeDealConfirmations).where(eq(tradeDealConfirmations.dealId, deal.id));
    const audits = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'trade_deal.confirm'), eq(auditLog.outcome, 'success')));
    for (const r of rows) {
      const a = audits.find((x) => x.entityId === r.id)!;
      expect(a.changes).toMatchObject({ dealId: deal.id, side: r.side, contentHash: view.body.contentHash });
      expect(a.ip).toMatch(/^127\./);
    }

    // The confirmation is three hours old: sign in again.
    for (const c of await Promise.all([login(holder), login(buyerColleague), login(reviewer)])) {
      const pdf = await pdfOf(c, deal.id);
      expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfPageTexts(pdf.bytes).join('\n');
      // Each side: organisation, person and time in 北京时间 (2026-06-09 08:00 and 11:00); nothing pending.
      for (const x of ['武威祁连乳业有限公司', holder.displayName, buyerColleague.displayName, '2026-06-09 08:00', '2026-06-09 11:00', '北京时间', '123,456.78 元']) expect(text).toContain(x);
      expect(text).not.toContain('待确认');
    }
    // The bureau sees it but has no side to confirm.
    const bureau = await (await login(reviewer)).get(`/api/v1/trading/deals/${deal.id}/confirmation`);
    expect([bureau.status, bureau.body.mySide, bureau.body.actions]).toEqual([200, null, []]);
  });

  it('refuses a deal in notice, outsiders, members without the trading permission, a stale hash and a wrong password, changing nothing', async () => {
    const inNotice = await finalDeal({ final: false });
    const h = await login(holder);
    const early = await h.get(`/api/v1/trading/deals/${inNotice.id}/confirmation`);
    expect([early.status, early.body.actions]).toEqual([200, []]);
    const notFinal = await h.post(`/api/v1/trading/deals/${inNotice.id}/confirm`, { password: PASSWORD, contentHash: early.body.contentHash });
    expect([notFinal.status, notFinal.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const notFinalPdf = await h.get(`/api/v1/trading/deals/${inNotice.id}/confirmation.pdf`);
    expect([notFinalPdf.status, notFinalPdf.body.error.code]).toEqual([409, 'INVALID_STATE']);
    expect(await confirmations(inNotice.id)).toBe(0);

    const deal = await finalDeal();
    const hash = (await (await login(holder)).get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
    const confirmAudits = async () => (await env.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'trade_deal.confirm')))[0]!.n;
    const auditsBefore = await confirmAudits();

    const anonymous = await new TestClient(env.app).post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
    expect(anonymous.status).toBe(401);
    const o = await login(outsider);
    for (const path of ['confirmation', 'confirmation.pdf']) {
      const r = await o.get(`/api/v1/trading/deals/${deal.id}/${path}`);
      expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    const notParty = await o.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
    expect([notParty.status, notParty.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const bureau = await (await login(reviewer)).post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
    expect([bureau.status, bureau.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const broker = await login(buyerBroker);
    const brokerView = await broker.get(`/api/v1/trading/deals/${deal.id}/confirmation`);
    expect([brokerView.status, brokerView.body.mySide, brokerView.body.actions]).toEqual([200, 'buyer', []]);
    const noPermission = await broker.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
    expect([noPermission.status, noPermission.body.error.code]).toEqual([403, 'FORBIDDEN']);

    const h2 = await login(holder);
    const malformed = await h2.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: 'abc' });
    expect(malformed.status).toBe(400);
    const unknown = await h2.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: '0'.repeat(64) });
    expect([unknown.status, unknown.body.error.code]).toEqual([409, 'CONFIRMATION_STALE']);
    expect(unknown.body.error.message).toContain('内容已变化');

    const wrong = await h2.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: 'not-my-password-1A!', contentHash: hash });
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(wrong.body.error.fields).toEqual([expect.objectContaining({ path: 'password' })]);
    // The wrong password is on record as a failure; nothing else was written.
    const failures = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'trade_deal.confirm'), eq(auditLog.outcome, 'failure'), eq(auditLog.entityId, deal.id)));
    expect(failures).toHaveLength(1);
    expect(JSON.stringify(failures[0]!.changes)).not.toContain('not-my-password');
    expect(await confirmAudits()).toBe(auditsBefore + 1);
    expect(await confirmations(deal.id)).toBe(0);

    // The content changes (the seller is renamed) after the user loaded it: the old hash is stale.
    await env.db.update(organisations).set({ name: '凉州区农业科学研究院' }).where(eq(organisations.id, institute.id));
    try {
      const stale = await h2.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
      expect([stale.status, stale.body.error.code]).toEqual([409, 'CONFIRMATION_STALE']);
      expect(await confirmations(deal.id)).toBe(0);
      const fresh = (await h2.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body;
      expect(fresh.contentHash).not.toBe(hash);
      expect(fresh.content.seller.name).toBe('凉州区农业科学研究院');
      const ok = await h2.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: fresh.contentHash });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    } finally {
      await env.db.update(organisations).set({ name: '凉州区农业科学研究所' }).where(eq(organisations.id, institute.id));
    }
    // Renamed back: the seller's confirmation no longer matches the content as it is now, and says so.
    const after = (await h2.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body;
    expect(after.seller.current).toBe(false);

    // A side whose confirmation no longer matches confirms again (a colleague here): the row is replaced, the audit keeps the old hash.
    const c = await login(holderColleague);
    expect(after.actions).toEqual(['confirm']);
    const redo = await c.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: after.contentHash });
    expect(redo.status, JSON.stringify(redo.body)).toBe(200);
    expect(redo.body.seller).toMatchObject({ confirmedBy: { id: holderColleague.id }, current: true });
    expect(await confirmations(deal.id)).toBe(1);
    const replaced = await env.db.select().from(auditLog).where(and(eq(auditLog.action, 'trade_deal.confirm'), eq(auditLog.outcome, 'success')));
    expect(replaced.filter((r) => JSON.stringify(r.changes).includes('"replaces"'))).toHaveLength(1);

    // A side confirms the current content once: confirming again is refused.
    const again = await c.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: after.contentHash });
    expect([again.status, again.body.error.code]).toEqual([409, 'DEAL_ALREADY_CONFIRMED']);
    expect(await confirmations(deal.id)).toBe(1);
  });

  it('password attempts are limited per account like sign-in: the eleventh in a minute is refused before the password is checked', async () => {
    const deal = await finalDeal();
    const guesser = await person(['enterprise_member'], dairy.id);
    const g = await login(guesser);
    const hash = (await g.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await g.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: `Guess-${i}-Wrong!`, contentHash: hash });
      codes.push(r.body.error.code);
    }
    // The fifth wrong password locks the account (decision record 0009, "Password re-entry"); the rest are refused as locked.
    expect(codes).toEqual([...Array(4).fill('VALIDATION_FAILED'), ...Array(6).fill('ACCOUNT_LOCKED')]);
    const limited = await g.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
    expect([limited.status, limited.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(await confirmations(deal.id)).toBe(0);
    // Another member of the same organisation is not held up by it.
    const ok = await (await login(buyer)).post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('two concurrent confirmations of the same side: one succeeds, the other is refused', async () => {
    const deal = await finalDeal();
    const [a, b] = await Promise.all([login(buyer), login(buyerColleague)]);
    const hash = (await a.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
    const results = await Promise.all([
      a.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash }),
      b.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('DEAL_ALREADY_CONFIRMED');
    expect(await confirmations(deal.id)).toBe(1);
    // Only one side confirmed: nobody is told the deal is confirmed.
    expect(await noticesFor(holder.id, deal.id)).toBe(0);
  });

  describe('wrong passwords count toward the sign-in lockout (decision record 0009, "Password re-entry")', () => {
    const signInWith = (u: User, password: string) => new TestClient(env.app).post('/api/v1/auth/login', { username: u.username, password });
    const counter = async (u: User) => (await env.db.select({ n: users.failedLoginCount, until: users.lockedUntil }).from(users).where(eq(users.id, u.id)))[0]!;
    const lockNotices = async (u: User) => (await env.db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, u.id), eq(notifications.kind, 'account.locked'))))[0]!.n;
    const audits = async (action: string, outcome: 'failure' | 'denied', entityId: string) =>
      env.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.outcome, outcome), eq(auditLog.entityId, entityId)));

    it('five wrong confirmation passwords lock the account: sign-in is then refused, and the right password cannot confirm until the lock ends', async () => {
      const deal = await finalDeal();
      const member = await person(['enterprise_member'], dairy.id);
      const m = await login(member);
      const hash = (await m.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
      for (let i = 1; i <= 4; i++) {
        const r = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: `Wrong-${i}-pass!`, contentHash: hash });
        expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
        // The field says how many tries are left before the lock.
        expect(r.body.error.fields).toEqual([{ path: 'password', message: `密码不正确；再输错 ${5 - i} 次，账号将锁定 15 分钟。` }]);
        expect((await counter(member)).n).toBe(i);
      }
      const fifth = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: 'Wrong-5-pass!', contentHash: hash });
      expect([fifth.status, fifth.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
      expect(fifth.body.error.message).toBe('密码连续输错次数过多，账号已锁定，请 15 分钟后再试。');
      expect((await counter(member)).until).toEqual(new Date(env.clock.now().getTime() + 15 * 60_000));
      // As at sign-in: the owner is told, and the lockout is on record beside each wrong attempt on the deal.
      expect(await lockNotices(member)).toBe(1);
      const lockout = await audits('auth.lockout', 'failure', member.id);
      expect(lockout).toHaveLength(1);
      expect(lockout[0]!.changes).toMatchObject({ reason: 'wrong_password', failures: 5, during: 'trade_deal.confirm' });
      expect((await audits('trade_deal.confirm', 'failure', deal.id)).filter((a) => a.actorUserId === member.id)).toHaveLength(5);

      // Locked: sign-in is refused even with the right password…
      const signInLocked = await signInWith(member, PASSWORD);
      expect([signInLocked.status, signInLocked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
      // …and so is confirming with the right password on the session already open: nothing is written.
      env.clock.advance(60);
      const locked = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
      expect([locked.status, locked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
      expect(locked.body.error.message).toContain('14 分钟后再试');
      expect(await confirmations(deal.id)).toBe(0);
      expect((await audits('trade_deal.confirm', 'denied', deal.id)).filter((a) => a.actorUserId === member.id)).toHaveLength(1);
      expect(await lockNotices(member)).toBe(1);

      // After 15 minutes the right password confirms.
      env.clock.advance(14 * 60 + 1);
      const ok = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(await confirmations(deal.id)).toBe(1);
    });

    it('wrong sign-ins and wrong confirmations add up to one count', async () => {
      const deal = await finalDeal();
      const member = await person(['enterprise_member'], dairy.id);
      const m = await login(member);
      const hash = (await m.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
      for (let i = 0; i < 2; i++) expect((await signInWith(member, 'Wrong-sign-in-1')).body.error.code).toBe('INVALID_CREDENTIALS');
      const third = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: 'Wrong-confirm-1', contentHash: hash });
      expect(third.body.error.fields[0].message).toContain('再输错 2 次');
      const fourth = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: 'Wrong-confirm-2', contentHash: hash });
      expect(fourth.body.error.fields[0].message).toContain('再输错 1 次');
      // The fifth, at sign-in, locks the account.
      const fifth = await signInWith(member, 'Wrong-sign-in-2');
      expect([fifth.status, fifth.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
      expect(await lockNotices(member)).toBe(1);
      const locked = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
      expect([locked.status, locked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
      expect(await confirmations(deal.id)).toBe(0);
    });

    it('a right password clears the run of wrong ones, as a sign-in does', async () => {
      const deal = await finalDeal();
      const member = await person(['enterprise_member'], dairy.id);
      const m = await login(member);
      const hash = (await m.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
      for (let i = 0; i < 4; i++) await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: `Wrong-${i}-pass!`, contentHash: hash });
      expect((await counter(member)).n).toBe(4);
      const ok = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(await counter(member)).toEqual({ n: 0, until: null });
      // Four more wrong sign-ins do not lock it.
      for (let i = 0; i < 4; i++) expect((await signInWith(member, 'Wrong-sign-in-1')).status).toBe(401);
      expect((await counter(member)).n).toBe(4);
      // A right password whose confirmation is then refused (already confirmed) clears the run too: the password was right.
      const again = await m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: PASSWORD, contentHash: hash });
      expect([again.status, again.body.error.code]).toEqual([409, 'DEAL_ALREADY_CONFIRMED']);
      expect((await counter(member)).n).toBe(0);
    });

    it('five wrong confirmations at once all count: exactly one lockout', async () => {
      const deal = await finalDeal();
      const member = await person(['enterprise_member'], dairy.id);
      const m = await login(member);
      const hash = (await m.get(`/api/v1/trading/deals/${deal.id}/confirmation`)).body.contentHash as string;
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => m.post(`/api/v1/trading/deals/${deal.id}/confirm`, { password: `Wrong-${i}-pass!`, contentHash: hash })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([400, 400, 400, 400, 423]);
      expect((await counter(member)).until).not.toBeNull();
      expect(await lockNotices(member)).toBe(1);
      expect(await audits('auth.lockout', 'failure', member.id)).toHaveLength(1);
      expect((await signInWith(member, PASSWORD)).status).toBe(423);
    });
  });
});

