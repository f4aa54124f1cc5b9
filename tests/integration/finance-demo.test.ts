import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../server/demo/load-demo.js';
import { financeRecords } from '../../server/modules/finance/schema.js';
import { parsePatentNumber } from '../../shared/patent-number.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();

describe('finance demo data', () => {
  it('adds a verified pledge loan, insurance waiting for review and a draft guarantee, once', async () => {
    await loadDemo(env.db, env.clock.now());
    const rows = await env.db.select().from(financeRecords).where(like(financeRecords.note, '演示数据'));
    expect(rows.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['guarantee', 'draft'],
      ['patent_pledge_loan', 'verified'],
      ['tech_insurance', 'submitted'],
    ]);
    const pledge = rows.find((r) => r.kind === 'patent_pledge_loan')!;
    expect(pledge.pledgedPatents.length).toBeGreaterThan(0);
    for (const p of pledge.pledgedPatents) expect(parsePatentNumber(p)).toEqual({ ok: true, normalised: p });
    await loadDemo(env.db, env.clock.now());
    expect(await env.db.select().from(financeRecords).where(like(financeRecords.note, '演示数据'))).toHaveLength(3);
  });
});
