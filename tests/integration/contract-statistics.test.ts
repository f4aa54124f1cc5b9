import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contractStatsMonthly, techContracts } from '../../server/modules/contracts/schema.js';
import { computeStatistics, publicSummary, statisticsFromRows, verifyStatsSummary } from '../../server/modules/contracts/statistics.js';
import { withTx } from '../../server/db/tx.js';
import { ANONYMOUS, type Actor } from '../../server/core/access.js';
import { approveContract } from '../../server/modules/contracts/approve-contract.js';
import { createOrg, createUser } from '../support/factories.js';
import { setupTestEnv } from '../support/harness.js';

/**
 * The monthly statistics summary (decision record 0023): whatever writes the
 * registrations (approvals through the API, at the same time; bulk inserts;
 * corrections; deletions), the statistics read from the summary equal, group
 * for group and to the fen, the statistics summed over the rows, for whole
 * years, ten years and ranges that cut months in the middle.
 */
const env = await setupTestEnv();
env.clock.set('2026-06-15T02:00:00Z');
const seller = await createOrg(env.db, { type: 'research_institute', name: '甘肃省统计测试研究院' });
const registrar = await createUser(env.db, { roles: ['reviewer'] });

const TYPES = [
  ['development', 'commissioned'],
  ['transfer', 'patent'],
  ['licence', 'patent_licence'],
  ['consulting', 'consulting'],
  ['service', 'training'],
] as const;
const REGIONS = ['620602', '620602', '620621', '620100', '110000', ''];
const FIELDS = ['A01.01', 'B02.03', 'C05.01'];
const INDUSTRIES = [null, 'A', 'C', 'M'];

let serial = 0;
/** A registration row; `registeredAt` set means approved with the given counted deltas. */
function row(i: number, registeredAt: string | null, counted: { contracts: number; fen: number; tech: number } = { contracts: 1, fen: 1_000_000 + i * 137, tech: 900_000 + i * 101 }) {
  const [type, subType] = TYPES[i % TYPES.length]!;
  serial++;
  return {
    kind: counted.contracts === 1 ? 'original' : 'amendment',
    status: registeredAt ? 'approved' : 'submitted',
    organisationId: seller.id,
    type,
    subType,
    projectName: `统计测试合同 ${serial}`,
    signedOn: '2026-01-01',
    signedPlace: '凉州区',
    validFrom: '2026-01-01',
    validTo: '2030-12-31',
    seller: { name: '甘肃省统计测试研究院', countryCode: 'CN', regionCode: '620602', nature: 'research_institute' },
    buyer: { name: '统计测试买方', countryCode: 'CN', regionCode: '620602', nature: 'enterprise_domestic' },
    sellerRegion: i % 5 === 0 ? REGIONS[(i / 5) % REGIONS.length]! : '620602',
    buyerRegion: REGIONS[(i * 7) % REGIONS.length]!,
    techField: FIELDS[i % FIELDS.length]!,
    industrySection: INDUSTRIES[i % INDUSTRIES.length] ?? null,
    ipType: 'none',
    planCategory: 'none',
    contractAmountFen: Math.max(counted.fen, 0) + 5_000_000,
    techAmountFen: Math.max(counted.tech, 0) + 4_000_000,
    registrationNumber: registeredAt ? `9999${String(serial).padStart(12, '0')}` : null,
    registeredAt: registeredAt ? new Date(registeredAt) : null,
    countedContracts: registeredAt ? counted.contracts : 0,
    countedContractFen: registeredAt ? counted.fen : 0,
    countedTechFen: registeredAt ? counted.tech : 0,
  };
}

const RANGES: { from?: string; to?: string; year?: number }[] = [
  { year: 2025 },
  { year: 2026 },
  { from: '2017-01-01', to: '2027-01-01' },
  // Cutting months: the first and last month partly from the rows.
  { from: '2025-03-17', to: '2026-02-11' },
  { from: '2025-12-31', to: '2026-01-02' },
  // Inside one month, and a single day.
  { from: '2026-03-05', to: '2026-03-20' },
  { from: '2026-01-31', to: '2026-02-01' },
];

async function expectSummaryEqualsRows() {
  expect(await verifyStatsSummary(env.db)).toEqual([]);
  for (const q of RANGES) {
    for (const locale of ['zh-CN', 'en'] as const) {
      const fast = await computeStatistics(env.db, q, env.clock.now(), locale);
      const reference = await statisticsFromRows(env.db, q, env.clock.now(), locale);
      expect(fast, JSON.stringify(q)).toEqual(reference);
    }
  }
}

describe('contract statistics from the monthly summary', () => {
  it('equals the sums over the rows for every range and breakdown, month edges in district time included', async () => {
    // Bulk: one statement, rows on both sides of month and year boundaries in Asia/Shanghai
    // (2025-12-31T16:00Z is 2026-01-01 00:00 in the district), amendments with negative deltas.
    const instants = ['2025-03-01T00:00:00+08:00', '2025-03-16T23:59:59+08:00', '2025-03-17T00:00:00+08:00', '2025-12-31T15:59:59Z', '2025-12-31T16:00:00Z', '2026-01-01T12:00:00+08:00', '2026-01-31T23:30:00+08:00', '2026-02-01T00:00:00+08:00', '2026-02-10T10:00:00+08:00', '2026-02-11T00:00:00+08:00', '2026-03-05T08:00:00+08:00', '2026-03-19T23:59:59.999+08:00', '2026-03-20T00:00:00+08:00', '2018-07-07T07:07:07+08:00', '2026-06-14T09:00:00+08:00'];
    const rows = Array.from({ length: 90 }, (_, i) => row(i, instants[i % instants.length]!));
    rows.push(row(90, '2026-02-10T10:00:00+08:00', { contracts: 0, fen: -700_000, tech: -650_000 }), row(91, '2026-03-05T08:00:00+08:00', { contracts: 0, fen: 250_000, tech: 0 }));
    rows.push(row(92, null), row(93, null));
    await env.db.insert(techContracts).values(rows);
    const stats = await computeStatistics(env.db, { year: 2026 }, env.clock.now(), 'zh-CN');
    expect(stats.totals.contracts).toBeGreaterThan(0);
    expect(stats.byFlow.map((g) => g.key)).toEqual(['within', 'outflow', 'inflow', 'elsewhere']);
    await expectSummaryEqualsRows();
  });

  it('follows corrections and deletions of approved rows, and ignores rows that are not approved', async () => {
    const [one] = await env.db.select().from(techContracts).where(eq(techContracts.status, 'approved')).limit(1);
    // A correction moving a row to another month, type and region; then a deletion.
    await env.db.update(techContracts).set({ registeredAt: new Date('2025-05-05T05:00:00+08:00'), type: 'consulting', subType: 'consulting', buyerRegion: '620602', sellerRegion: '620602', countedTechFen: one!.countedTechFen + 1 }).where(eq(techContracts.id, one!.id));
    await expectSummaryEqualsRows();
    const [two] = await env.db.select().from(techContracts).where(eq(techContracts.status, 'approved')).offset(3).limit(1);
    await env.db.delete(techContracts).where(eq(techContracts.id, two!.id));
    await expectSummaryEqualsRows();
    // A change that does not touch the counted figures writes nothing to the summary.
    const before = await env.db.select().from(contractStatsMonthly);
    await env.db.update(techContracts).set({ note: '备注', updatedAt: new Date() }).where(eq(techContracts.status, 'approved'));
    await env.db.update(techContracts).set({ projectName: '仍在审查' }).where(eq(techContracts.status, 'submitted'));
    expect(await env.db.select().from(contractStatsMonthly)).toEqual(before);
    await expectSummaryEqualsRows();
  });

  it('a change that rolls back leaves the summary as it was', async () => {
    const before = await env.db.select().from(contractStatsMonthly);
    await expect(
      withTx(env.db, async (tx) => {
        await tx.insert(techContracts).values(row(200, '2026-04-04T10:00:00+08:00'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await env.db.select().from(contractStatsMonthly)).toEqual(before);
  });

  it('simultaneous approvals, all in one month and group: the totals equal the sum of the rows exactly', async () => {
    const rows = Array.from({ length: 24 }, () => row(0, null));
    const ids = (await env.db.insert(techContracts).values(rows).returning({ id: techContracts.id })).map((r) => r.id);
    const before = await computeStatistics(env.db, { year: 2026 }, env.clock.now(), 'zh-CN');
    // The approving operation as the route runs it, each in its own transaction (the HTTP workflow is
    // tested in contracts-registration.test.ts; these rows are written directly, without a signed PDF).
    const actor: Actor = { ...ANONYMOUS, userId: registrar.id, username: registrar.username, roles: ['reviewer'], via: 'session' };
    await Promise.all(ids.map((id) => withTx(env.db, (tx) => approveContract(tx, actor, id, {}, env.clock.now()))));
    const after = await computeStatistics(env.db, { year: 2026 }, env.clock.now(), 'zh-CN');
    const approved = await env.db.select().from(techContracts).where(inArray(techContracts.id, ids));
    const add = approved.reduce((s, r) => s + r.countedTechFen, 0);
    expect(after.totals.contracts).toBe(before.totals.contracts + 24);
    expect(after.totals.techFen).toBe(before.totals.techFen + add);
    expect(after.byMonth.find((m) => m.key === '2026-06')!.contracts).toBe((before.byMonth.find((m) => m.key === '2026-06')?.contracts ?? 0) + 24);
    await expectSummaryEqualsRows();
  });

  it('the public summary’s years equal the sums over the rows', async () => {
    const pub = await publicSummary(env.db, env.clock.now());
    expect(pub.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    for (const y of pub.years) {
      const { totals } = await statisticsFromRows(env.db, { year: y.year }, env.clock.now(), 'zh-CN');
      expect({ year: y.year, ...totals }).toEqual(y);
    }
    expect(pub.years.find((y) => y.year === 2025)!.contracts).toBeGreaterThan(0);
  });

  it('the summary table itself: every month’s total equals the sum of its rows, and each breakdown sums to the total', async () => {
    const rows = await env.db.select().from(contractStatsMonthly);
    const months = new Set(rows.map((r) => r.month));
    for (const m of months) {
      const total = rows.find((r) => r.month === m && r.dim === 'total')!;
      for (const dim of ['type', 'sub', 'field', 'industry', 'seller', 'buyer']) {
        const parts = rows.filter((r) => r.month === m && r.dim === dim);
        expect([parts.reduce((s, r) => s + r.rows, 0), parts.reduce((s, r) => s + r.techFen, 0), parts.reduce((s, r) => s + r.contractFen, 0)], `${m} ${dim}`).toEqual([total.rows, total.techFen, total.contractFen]);
      }
    }
  });
});

// Last in the file: it empties the registrations.
describe('contract statistics summary after TRUNCATE (migration 0019)', () => {
  it('a TRUNCATE that rolls back leaves rows and summary as they were', async () => {
    const before = await env.db.select().from(contractStatsMonthly);
    expect(before.length).toBeGreaterThan(0);
    await expect(
      withTx(env.db, async (tx) => {
        await tx.execute(sql`TRUNCATE tech_contracts CASCADE`);
        expect(await tx.select().from(contractStatsMonthly)).toEqual([]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await env.db.select().from(contractStatsMonthly)).toEqual(before);
    await expectSummaryEqualsRows();
  });

  it('TRUNCATE tech_contracts empties the summary: it equals the (no) rows, and later writes are summed from zero', async () => {
    await env.db.execute(sql`TRUNCATE tech_contracts CASCADE`);
    expect(await env.db.select().from(techContracts)).toEqual([]);
    expect(await env.db.select().from(contractStatsMonthly)).toEqual([]);
    expect(await verifyStatsSummary(env.db)).toEqual([]);
    const empty = await computeStatistics(env.db, { year: 2026 }, env.clock.now(), 'zh-CN');
    expect(empty.totals).toMatchObject({ contracts: 0, contractFen: 0, techFen: 0 });
    expect(empty).toEqual(await statisticsFromRows(env.db, { year: 2026 }, env.clock.now(), 'zh-CN'));
    // The insert, update and delete triggers still keep it after the TRUNCATE.
    await env.db.insert(techContracts).values([row(300, '2026-04-04T10:00:00+08:00'), row(301, '2025-12-31T16:00:00Z'), row(302, null)]);
    const after = await computeStatistics(env.db, { year: 2026 }, env.clock.now(), 'zh-CN');
    expect(after.totals.contracts).toBe(2);
    await expectSummaryEqualsRows();
  });

  it('truncating the rows and the summary in one statement works as well', async () => {
    await env.db.execute(sql`TRUNCATE tech_contracts, contract_stats_monthly CASCADE`);
    expect(await env.db.select().from(contractStatsMonthly)).toEqual([]);
    await expectSummaryEqualsRows();
  });
});
