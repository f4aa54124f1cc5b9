import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import { withTx } from '../../server/db/tx.js';
import { files } from '../../server/modules/files/schema.js';
import { addDays, districtToday } from '../../server/modules/projects/due-dates.js';
import { decideRedemption, payRedemption } from '../../server/modules/vouchers/decide-redemption.js';
import { expireVouchers } from '../../server/modules/vouchers/expire-vouchers.js';
import { issueVouchers } from '../../server/modules/vouchers/issue.js';
import { balanceOf, totalsFromEntries } from '../../server/modules/vouchers/ledger.js';
import { createProgramme, setProgrammeStatus } from '../../server/modules/vouchers/programmes.js';
import { coveredAmount, submitRedemption } from '../../server/modules/vouchers/redeem.js';
import { voucherEntries, voucherProgrammes, voucherRedemptions, vouchers } from '../../server/modules/vouchers/schema.js';
import { voidVoucher } from '../../server/modules/vouchers/void-voucher.js';
import type { RedeemBody } from '../../shared/contracts/vouchers.js';
import type { Role } from '../../shared/roles.js';
import { createOrg, createUser, createVoucherProvider } from '../support/factories.js';
import { setupTestEnv, TestClock } from '../support/harness.js';

/**
 * A model-based property test of the voucher ledger on the real database.
 * fast-check generates programs of steps (bursts of concurrent issues,
 * bursts of concurrent redemptions with retries under the same key and
 * reused keys with other bodies, decisions, payouts, voids, and clock jumps
 * with expiry racing a void); each step runs against the database and a
 * plain reference model, and after every step the database must agree with
 * the model and with its invariants: no balance below zero, no voucher
 * redeemed twice or above its value, the budget never exceeded, and the
 * running totals equal to the sum of the entries.
 */

const env = await setupTestEnv();
const clock = new TestClock(Date.parse('2026-03-01T02:00:00Z'));

const FACES = [100, 250, 400];
const PRICES = [60, 300, 1000];
const BUDGET = 2000;
const CAP = 900;
const VALIDITY = 4;

function actorOf(u: { id: string; username: string }, roles: Role[], organisationId: string | null): Actor {
  return { userId: u.id, username: u.username, organisationId, orgVerified: true, roles, locale: 'zh-CN', sessionId: null, via: 'session', ip: null, userAgent: null, requestId: null };
}

const enterprises = await Promise.all([0, 1, 2].map((i) => createOrg(env.db, { name: `模型测试企业${i}` })));
const provider = await createVoucherProvider(env.db, { name: '模型测试检测机构', types: ['testing'] });
const providerUser = await createUser(env.db, { roles: ['service_member'], organisationId: provider.org.id });
const adminUser = await createUser(env.db, { roles: ['bureau_admin', 'reviewer'] });
const providerActor = actorOf(providerUser, ['service_member'], provider.org.id);
const admin = actorOf(adminUser, ['bureau_admin', 'reviewer'], null);

async function evidenceFile(name: string) {
  const data = Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`);
  const [f] = await env.db
    .insert(files)
    .values({ organisationId: provider.org.id, uploadedBy: providerUser.id, purpose: 'attachment', filename: name, contentType: 'application/pdf', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
    .returning();
  return f!.id;
}
const evidence = { contractFileId: await evidenceFile('合同.pdf'), invoiceFileId: await evidenceFile('发票.pdf'), ownShareProofFileId: await evidenceFile('回单.pdf') };

// ───────────── the reference model ─────────────

type Claim = { id: string; key: string; price: number; amount: number; status: 'submitted' | 'approved' | 'rejected' | 'paid' };
type MVoucher = { id: string; code: string; org: number; face: number; validUntil: string; status: string; redeemed: number; released: number; paid: number; claim: Claim | null };
type Model = { programmeId: string; allocated: number; vouchers: MVoucher[]; keys: { key: string; body: RedeemBody; voucher: number; claimId: string }[]; run: number; step: number };

const available = (m: Model) => m.allocated - m.vouchers.reduce((a, v) => a + v.face - v.released, 0);
const issuedTo = (m: Model, org: number) => m.vouchers.filter((v) => v.org === org && v.status !== 'voided').reduce((a, v) => a + v.face, 0);
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`);

async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, code: codeOf(e) };
  }
}

function body(v: MVoucher, key: string, price: number): RedeemBody {
  return { code: v.code, idempotencyKey: key, providerOrgId: provider.org.id, serviceCategory: 'testing', contractNo: `HT-${key}`, servicePriceFen: price, serviceStart: districtToday(clock.now()), serviceEnd: districtToday(clock.now()), ...evidence };
}

// ───────────── steps ─────────────

type Step =
  | { t: 'issue'; requests: { org: number; faces: number[] }[] }
  | { t: 'redeem'; v: number; attempts: { slot: number; price: number }[]; replays: number[] }
  | { t: 'decide'; v: number; approve: boolean }
  | { t: 'pay'; v: number }
  | { t: 'void'; v: number }
  | { t: 'advance'; days: number; voidV: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('issue' as const), requests: fc.array(fc.record({ org: fc.nat(2), faces: fc.array(fc.nat(FACES.length - 1), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 6 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('redeem' as const), v: fc.nat(40), attempts: fc.array(fc.record({ slot: fc.nat(2), price: fc.nat(PRICES.length - 1) }), { minLength: 1, maxLength: 8 }), replays: fc.array(fc.nat(40), { maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('decide' as const), v: fc.nat(40), approve: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('pay' as const), v: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('void' as const), v: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 3 }), voidV: fc.nat(40) }) },
);

async function runStep(m: Model, s: Step): Promise<void> {
  m.step++;
  const now = clock.now();
  const today = districtToday(now);
  const pick = (i: number) => (m.vouchers.length ? m.vouchers[i % m.vouchers.length]! : null);

  if (s.t === 'issue') {
    const results = await Promise.all(
      s.requests.map((r) => attempt(() => withTx(env.db, (tx) => issueVouchers(tx, { programmeId: m.programmeId, organisationId: enterprises[r.org]!.id, applicationId: null, faceValuesFen: r.faces.map((f) => FACES[f]!), actorUserId: adminUser.id }, now)))),
    );
    results.forEach((res, i) => {
      const r = s.requests[i]!;
      if (res.ok) for (const row of res.value) m.vouchers.push({ id: row.id, code: row.code, org: r.org, face: row.faceValueFen, validUntil: row.validUntil, status: 'issued', redeemed: 0, released: 0, paid: 0, claim: null });
    });
    // A refusal must be justified by the state every serial order ends in (issues only ever reduce what is left).
    results.forEach((res, i) => {
      if (res.ok) return;
      const r = s.requests[i]!;
      const total = r.faces.reduce((a, f) => a + FACES[f]!, 0);
      if (res.code === 'BUDGET_EXCEEDED') expect(total).toBeGreaterThan(available(m));
      else if (res.code === 'VOUCHER_CAP_EXCEEDED') expect(issuedTo(m, r.org) + total).toBeGreaterThan(CAP);
      else expect.fail(`issue refused with ${res.code}`);
    });
    return;
  }

  if (s.t === 'redeem') {
    const v = pick(s.v);
    if (!v) return;
    const fresh = s.attempts.map((a) => ({ key: `k${m.run}-${m.step}-${a.slot}`, price: PRICES[a.price]! }));
    const replays = m.keys.length ? s.replays.map((i) => m.keys[i % m.keys.length]!) : [];
    const calls = [
      ...fresh.map((f) => ({ kind: 'fresh' as const, ...f, voucher: v })),
      ...replays.map((k) => ({ kind: 'replay' as const, key: k.key, price: k.body.servicePriceFen, voucher: m.vouchers[k.voucher]!, claimId: k.claimId, body: k.body })),
    ];
    const bodies = calls.map((c) => (c.kind === 'replay' ? c.body : body(c.voucher, c.key, c.price)));
    const results = await Promise.all(bodies.map((b) => attempt(() => withTx(env.db, (tx) => submitRedemption(tx, providerActor, b, now)))));
    const usable = v.status === 'issued' && today <= v.validUntil;
    const live = (await env.db.select().from(voucherRedemptions).where(eq(voucherRedemptions.voucherId, v.id))).filter((r) => r.status === 'submitted' && r.id !== v.claim?.id);
    let winner: { key: string; price: number; id: string } | null = null;
    if (usable) {
      expect(live).toHaveLength(1); // exactly one of the concurrent attempts made a claim
      winner = { key: live[0]!.idempotencyKey, price: live[0]!.servicePriceFen, id: live[0]!.id };
      const amount = coveredAmount(winner.price, 5000, v.face);
      v.status = 'redeeming';
      v.claim = { id: winner.id, key: winner.key, price: winner.price, amount, status: 'submitted' };
      m.keys.push({ key: winner.key, body: bodies[calls.findIndex((c) => c.kind === 'fresh' && c.key === winner!.key && c.price === winner!.price)]!, voucher: m.vouchers.indexOf(v), claimId: winner.id });
    } else {
      expect(live).toHaveLength(0);
    }
    calls.forEach((c, i) => {
      const res = results[i]!;
      if (c.kind === 'replay') {
        expect(res.ok && res.value.row.id).toBe(c.claimId); // a retry returns what the first attempt made
      } else if (winner && c.key === winner.key) {
        if (c.price === winner.price) expect(res.ok && res.value.row.id).toBe(winner.id);
        else expect(res).toEqual({ ok: false, code: 'IDEMPOTENCY_KEY_REUSED' });
      } else {
        expect(res).toEqual({ ok: false, code: 'INVALID_STATE' });
      }
    });
    return;
  }

  if (s.t === 'decide') {
    const v = pick(s.v);
    if (!v?.claim) return;
    const res = await attempt(() => withTx(env.db, (tx) => decideRedemption(tx, admin, v.claim!.id, s.approve ? { decision: 'approve' } : { decision: 'reject', note: '材料不全' }, now)));
    if (v.claim.status !== 'submitted') return void expect(res).toEqual({ ok: false, code: 'INVALID_STATE' });
    expect(res.ok).toBe(true);
    if (s.approve) {
      v.claim.status = 'approved';
      v.status = 'redeemed';
      v.redeemed = v.claim.amount;
      v.released = v.face - v.claim.amount;
    } else {
      v.claim.status = 'rejected';
      v.claim = null;
      if (today > v.validUntil) {
        v.status = 'expired';
        v.released = v.face;
      } else v.status = 'issued';
    }
    return;
  }

  if (s.t === 'pay') {
    const v = pick(s.v);
    if (!v?.claim) return;
    const res = await attempt(() => withTx(env.db, (tx) => payRedemption(tx, admin, v.claim!.id, { paymentReference: `PAY-${m.step}` }, now)));
    if (v.claim.status !== 'approved') return void expect(res).toEqual({ ok: false, code: 'INVALID_STATE' });
    expect(res.ok).toBe(true);
    v.claim.status = 'paid';
    v.status = 'paid';
    v.paid = v.redeemed;
    return;
  }

  if (s.t === 'void') {
    const v = pick(s.v);
    if (!v) return;
    const res = await attempt(() => withTx(env.db, (tx) => voidVoucher(tx, admin, v.id, { reason: '测试作废', blacklist: false }, now)));
    if (v.status !== 'issued') return void expect(res).toEqual({ ok: false, code: 'INVALID_STATE' });
    expect(res.ok).toBe(true);
    v.status = 'voided';
    v.released = v.face;
    return;
  }

  // advance: the clock moves; two expiry workers race each other and a void.
  clock.advance(s.days * 86400);
  const later = clock.now();
  const newToday = districtToday(later);
  const target = pick(s.voidV);
  const [, , voided] = await Promise.all([
    expireVouchers(env.db, later),
    expireVouchers(env.db, later),
    target ? attempt(() => withTx(env.db, (tx) => voidVoucher(tx, admin, target.id, { reason: '与过期竞争', blacklist: false }, later))) : Promise.resolve(null),
  ]);
  if (target) {
    if (target.status !== 'issued') expect(voided).toEqual({ ok: false, code: 'INVALID_STATE' });
    else if (voided?.ok) {
      target.status = 'voided';
      target.released = target.face;
    } else {
      // Lost the race to expiry: only possible when the voucher was past its validity.
      expect(voided).toEqual({ ok: false, code: 'INVALID_STATE' });
      expect(target.validUntil < newToday).toBe(true);
    }
  }
  for (const v of m.vouchers) {
    if (v.status === 'issued' && v.validUntil < newToday) {
      v.status = 'expired';
      v.released = v.face;
    }
  }
}

async function checkInvariants(m: Model): Promise<void> {
  const [p] = await env.db.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, m.programmeId));
  const fromEntries = await totalsFromEntries(env.db, m.programmeId);
  // The running totals are exactly the sums of the entries.
  expect({ allocatedFen: p!.allocatedFen, reservedFen: p!.reservedFen, releasedFen: p!.releasedFen, redeemedFen: p!.redeemedFen, paidFen: p!.paidFen }).toEqual(fromEntries);
  // And exactly what the model says.
  const sum = (f: (v: MVoucher) => number) => m.vouchers.reduce((a, v) => a + f(v), 0);
  expect(fromEntries).toEqual({ allocatedFen: m.allocated, reservedFen: sum((v) => v.face), releasedFen: sum((v) => v.released), redeemedFen: sum((v) => v.redeemed), paidFen: sum((v) => v.paid) });
  // No balance below zero; the budget never exceeded.
  const b = balanceOf(p!);
  for (const k of ['availableFen', 'outstandingFen', 'payableFen'] as const) expect(b[k]).toBeGreaterThanOrEqual(0);
  expect(b.reservedFen - b.releasedFen).toBeLessThanOrEqual(BUDGET);
  // Every voucher as the model has it; never redeemed twice or above its value.
  const rows = new Map((await env.db.select().from(vouchers).where(eq(vouchers.programmeId, m.programmeId))).map((v) => [v.id, v]));
  expect(rows.size).toBe(m.vouchers.length);
  for (const v of m.vouchers) {
    const r = rows.get(v.id)!;
    expect({ status: r.status, redeemed: r.redeemedFen, released: r.releasedFen, paid: r.paidFen }).toEqual({ status: v.status, redeemed: v.redeemed, released: v.released, paid: v.paid });
    expect(r.redeemedFen + r.releasedFen).toBeLessThanOrEqual(r.faceValueFen);
  }
  const perVoucher = await env.db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM voucher_entries WHERE programme_id = ${m.programmeId} AND kind IN ('redeem', 'pay', 'reserve')
    GROUP BY voucher_id, kind HAVING count(*) > 1`);
  expect(perVoucher.rows).toEqual([]);
  for (const org of [0, 1, 2]) expect(issuedTo(m, org)).toBeLessThanOrEqual(CAP);
}

let runs = 0;

describe('voucher ledger against a reference model', () => {
  it('keeps every invariant through concurrent bursts of issue, redeem, retry, decision, payout, void and expiry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 14 }), async (steps) => {
        runs++;
        clock.set('2026-03-01T02:00:00Z');
        const p = await withTx(env.db, async (tx) => {
          const row = await createProgramme(
            tx,
            admin,
            { name: `模型专项 ${runs}`, eligibility: { sizes: [], regionPrefixes: [], verifiedOnly: true }, serviceCategories: ['testing'], providerOrgIds: [], coverageBp: 5000, yearlyCapFen: CAP, faceValuesFen: FACES, validityDays: VALIDITY, redeemer: 'provider', budgetFen: BUDGET },
            clock.now(),
          );
          await setProgrammeStatus(tx, admin, row.id, { status: 'open' }, clock.now());
          return row;
        });
        const m: Model = { programmeId: p.id, allocated: BUDGET, vouchers: [], keys: [], run: runs, step: 0 };
        for (const s of steps) {
          await runStep(m, s);
          await checkInvariants(m);
        }
      }),
      { numRuns: 25, endOnFailure: true },
    );
    expect(runs).toBeGreaterThanOrEqual(25);
  }, 600_000);

  it('the validity of a new voucher ends after its validity days, in district dates', () => {
    expect(addDays('2026-03-01', VALIDITY - 1)).toBe('2026-03-04');
  });

  it('ledger entries are immutable even for the table owner, and an entry cannot name another programme’s voucher', async () => {
    const [e] = await env.db.select().from(voucherEntries).limit(1);
    await expect(env.db.execute(sql`UPDATE voucher_entries SET reason = 'x' WHERE id = ${e!.id}`)).rejects.toThrow();
    await expect(env.db.execute(sql`TRUNCATE voucher_entries CASCADE`)).rejects.toThrow();
    const [a, b] = await env.db.select().from(voucherProgrammes).limit(2);
    const [v] = await env.db.select().from(vouchers).where(eq(vouchers.programmeId, a!.id)).limit(1);
    if (v) await expect(env.db.insert(voucherEntries).values({ programmeId: b!.id, voucherId: v.id, kind: 'release', amountFen: 1, idempotencyKey: 'cross-programme' })).rejects.toThrow();
  });
});
