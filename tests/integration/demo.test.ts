import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/cli.js';
import { loadDemo } from '../../server/demo/load-demo.js';
import { achievements, demands } from '../../server/modules/catalog/schema.js';
import { users } from '../../server/modules/identity/schema.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { pillarIndustries } from '../../shared/taxonomies/index.js';
import { creditCodeProblem } from '../../shared/credit-code.js';
import { setupTestEnv } from '../support/harness.js';
import { signIn } from '../support/client.js';

const env = await setupTestEnv();

describe('demo data', () => {
  it('loads organisations, users and published listings covering every pillar industry, and a second run adds nothing', async () => {
    const first = await loadDemo(env.db, env.clock.now());
    expect(first.organisationsCreated).toBeGreaterThanOrEqual(5);
    expect(first.achievementsCreated + first.demandsCreated).toBeGreaterThanOrEqual(30);
    expect(first.password).toBeTruthy();

    const orgs = await env.db.select().from(organisations).where(like(organisations.name, '%（演示）'));
    expect(new Set(orgs.map((o) => o.type))).toEqual(new Set(['enterprise', 'university', 'research_institute', 'service_institution']));
    for (const o of orgs) expect(creditCodeProblem(o.creditCode!)).toBeNull();

    const a = await env.db.select().from(achievements).where(like(achievements.externalId, 'demo-%'));
    const d = await env.db.select().from(demands).where(like(demands.externalId, 'demo-%'));
    expect([...a, ...d].every((r) => r.status === 'published' && r.publishedRevisionId)).toBe(true);
    const tags = new Set([...a, ...d].flatMap((r) => r.pillarTags));
    for (const p of pillarIndustries()) expect(tags, p.name).toContain(p.code);
    expect(a.every((r) => r.trl && (r.priceFen || r.priceNegotiable))).toBe(true);

    // The printed password signs in.
    const c = await signIn(env.app, 'demo-sand', first.password!);
    expect((await c.get('/api/v1/session')).body.user.organisation.name).toContain('沙丘');

    const second = await loadDemo(env.db, env.clock.now());
    expect(second).toEqual({ organisationsCreated: 0, usersCreated: [], password: null, achievementsCreated: 0, demandsCreated: 0 });
    expect(await env.db.select().from(achievements).where(like(achievements.externalId, 'demo-%'))).toHaveLength(a.length);
    expect(await env.db.select().from(users).where(like(users.username, 'demo-%'))).toHaveLength(first.usersCreated.length);
  });

  it('imports a file from the command line with the web import’s rules', async () => {
    const [org] = await env.db.select().from(organisations).where(like(organisations.name, '凉州天梯%'));
    const line = JSON.stringify({
      外部编号: 'CLI-1',
      需求名称: '电梯导轨安装垂直度激光自动校准',
      需解决的技术问题: '高层住宅电梯导轨安装依靠吊线锤人工校正，每台需 2 人 3 天，垂直度偏差常超过 1 mm/5 m，需要激光自动测量与校准工装。',
      '预算上限（元）': '350000.50',
      合作方式: '委托开发',
      截止日期: '2027-09-30',
      所属行业门类: 'C',
      所在地区: '620602',
      联系人: '杜鹏',
    });
    const file = path.join(os.tmpdir(), `cg-cli-${Date.now()}.jsonl`);
    await writeFile(file, `${line}\n${line.replace('CLI-1', 'CLI-2').replace('350000.50', '1.005')}\n`);
    const logs: string[] = [];
    const out = { log: (s: string) => logs.push(s), err: (s: string) => logs.push(s) };
    const cliEnv = { DATABASE_URL: env.databaseUrl, LOG_LEVEL: 'silent' };
    const strict = await runCli(['import', 'demand', file, '--org', org!.creditCode!], cliEnv, out);
    expect(strict).toBe(1);
    expect(logs.join('\n')).toContain('超过两位小数');
    expect(await env.db.select().from(demands).where(eq(demands.externalId, 'CLI-1'))).toHaveLength(0);
    const lenient = await runCli(['import', 'demand', file, '--org', org!.creditCode!, '--mode', 'valid_only', '--publish'], cliEnv, out);
    expect(lenient).toBe(0);
    const [d] = await env.db.select().from(demands).where(eq(demands.externalId, 'CLI-1'));
    expect(d).toMatchObject({ status: 'published', budgetMaxFen: 35000050, organisationId: org!.id });
    expect(await runCli(['import', 'widget', file], cliEnv, out)).toBe(2);
  });
});
