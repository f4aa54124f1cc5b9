import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseYuanToFen } from '../../server/modules/imports/cells.js';
import { achievements, demands, listingRevisions } from '../../server/modules/catalog/schema.js';
import { importBatches } from '../../server/modules/imports/schema.js';
import { auditLog } from '../../server/modules/audit/schema.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg, createUser, PASSWORD } from '../support/factories.js';
import { signIn, type TestClient } from '../support/client.js';
import { multipart } from '../support/multipart.js';

const env = await setupTestEnv();

/** A complete, valid achievement row keyed by the template's Chinese headers. */
function achievementRow(n: number, over: Record<string, string> = {}): Record<string, string> {
  return {
    外部编号: `WW-${n}-${Math.random().toString(36).slice(2, 8)}`,
    成果名称: `甜高粱茎秆汁液固态发酵制乙醇工艺 ${n}`,
    研究起始时间: '2020-04',
    研究终止时间: '2023-09',
    密级: '公开',
    成果属性: '国内技术二次开发',
    关键词: '甜高粱；燃料乙醇；固态发酵',
    成果体现形式: '新工艺',
    成果水平: '国内先进',
    成果所处阶段: '成熟应用阶段',
    评价方式: '评审',
    应用状态: 'small-scale',
    完成单位: '武威示范生物能源有限公司:70；凉州区农业技术推广中心:30',
    完成人: '王建华:60；刘秀兰:40',
    成果简介: '以甜高粱鲜茎秆为原料，粉碎后直接接种耐高温酵母进行固态发酵，省去榨汁工序，乙醇得率达到每吨茎秆 68 升。',
    技术成熟度: '7',
    知识产权: '发明专利|ZL202110234567.8|已授权|2041-03-15',
    转化方式: '许可；技术服务',
    许可方式: '普通许可',
    '转让价格（元）': '12345.67',
    所属行业门类: '制造业',
    所属行业大类: '25',
    技术领域: 'F06.01',
    主导产业: '甜高粱',
    所在地区: '620602',
    技术优势: '比榨汁发酵工艺节水 40%，能耗降低 25%',
    联系人: '王建华',
    联系电话: '0935-2212345',
    ...over,
  };
}
const HEADERS = Object.keys(achievementRow(0));

async function member(roles: ('enterprise_member' | 'bureau_admin' | 'reviewer')[] = ['enterprise_member'], status: 'verified' | 'pending' = 'verified') {
  const org = await createOrg(env.db, { status });
  const staff = roles.some((r) => r !== 'enterprise_member');
  const u = await createUser(env.db, { roles, organisationId: staff ? null : org.id });
  return { org, u, c: await signIn(env.app, u.username, PASSWORD) };
}

async function uploadImport(c: TestClient, name: string, data: Buffer): Promise<string> {
  const m = multipart('import', { name, data });
  const res = await c.request('POST', '/api/v1/files', m.body, m.headers);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

function csv(rows: Record<string, string>[], headers = HEADERS, bom = true): Buffer {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [headers.map(q).join(','), ...rows.map((r) => headers.map((h) => q(r[h] ?? '')).join(','))];
  return Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
}

/** Create a batch, run the validation job, return the report. */
async function validate(c: TestClient, fileId: string, body: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/imports', { fileId, kind: 'achievement', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await env.drainJobs();
  return (await c.get(`/api/v1/imports/${res.body.id}`)).body;
}

async function commit(c: TestClient, id: string) {
  const res = await c.post(`/api/v1/imports/${id}/commit`);
  await env.drainJobs();
  return { res, batch: (await c.get(`/api/v1/imports/${id}`)).body };
}

describe('money in yuan to fen', () => {
  it('converts decimal strings exactly, with no float on the way', () => {
    const cases: [string, number][] = [
      ['12345.67', 1234567],
      ['0.1', 10],
      ['0.2', 20],
      ['0.3', 30],
      ['1.15', 115],
      ['19.99', 1999],
      ['4.35', 435],
      ['1,234,567.89', 123456789],
      ['100元', 10000],
      ['0', 0],
      ['9999999999.99', 999999999999],
    ];
    for (const [raw, fen] of cases) expect(parseYuanToFen(raw), raw).toEqual({ ok: true, value: fen });
    for (const raw of ['1.234', '-5', '1e5', 'abc', '12.3.4', '10000000000.01']) expect(parseYuanToFen(raw).ok, raw).toBe(false);
  });
});

describe('templates', () => {
  it('round-trips: the XLSX template filled in with exceljs imports and publishes nothing unreviewed', async () => {
    const { c, org } = await member();
    const tpl = await c.request('GET', '/api/v1/import/templates/achievement?format=xlsx');
    expect(tpl.status).toBe(200);
    const raw = await env.app.inject({ method: 'GET', url: '/api/v1/import/templates/achievement?format=xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['科技成果', '填写说明', '代码表']);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['成果名称', '关键词', '成果简介', '技术成熟度', '所属行业门类', '外部编号', '转让价格（元）']));
    const help = wb.getWorksheet('填写说明')!;
    const helpText = JSON.stringify(help.getSheetValues());
    expect(helpText).toContain('中试验证');
    expect(helpText).toContain('transfer = 转让');
    const rows = [achievementRow(1), achievementRow(2, { '转让价格（元）': '面议', 技术成熟度: '中试验证' })];
    for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? ''));
    const fileId = await uploadImport(c, '成果.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const report = await validate(c, fileId);
    expect(report).toMatchObject({ status: 'validated', format: 'xlsx', totalRows: 2, validRows: 2, invalidRows: 0, errors: [], actions: ['commit'] });
    const { res, batch } = await commit(c, report.id);
    expect(res.status).toBe(200);
    expect(batch).toMatchObject({ status: 'done', importedRows: 2 });
    const recs = await env.db.select().from(achievements).where(eq(achievements.organisationId, org.id));
    expect(recs).toHaveLength(2);
    expect(recs.every((r) => r.status === 'draft' && r.publishedAt === null)).toBe(true);
    const first = recs.find((r) => r.externalId === rows[0]!['外部编号'])!;
    expect(first).toMatchObject({ priceFen: 1234567, trl: 7, industrySection: 'C', industryDivision: '25', pillarTags: ['sweet-sorghum'] });
    const [rev] = await env.db.select().from(listingRevisions).where(eq(listingRevisions.achievementId, first.id));
    expect(rev).toMatchObject({ number: 1, status: 'draft' });
    expect(rev!.content).toMatchObject({ keywords: ['甜高粱', '燃料乙醇', '固态发酵'], transferModes: ['license', 'technical-service'], licenseKinds: ['non-exclusive'] });
    expect(recs.find((r) => r.externalId === rows[1]!['外部编号'])).toMatchObject({ priceNegotiable: true, priceFen: null, trl: 6 });
    const actions = (await env.db.select().from(auditLog).where(eq(auditLog.entityId, report.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['import.create', 'import.commit']));
  });

  it('offers CSV and JSONL templates', async () => {
    const { c } = await member();
    const t = await c.get('/api/v1/import/templates/demand?format=csv');
    expect(t.status).toBe(200);
    expect(String(t.body).startsWith('\uFEFF需求名称') || String(t.body).includes('需求名称')).toBe(true);
    const j = await c.get('/api/v1/import/templates/achievement?format=jsonl');
    expect(j.status).toBe(200);
    // The JSONL example is itself a valid row.
    const fileId = await uploadImport(c, 'a.jsonl', Buffer.from(JSON.stringify(j.body)));
    expect(await validate(c, fileId)).toMatchObject({ status: 'validated', validRows: 1, invalidRows: 0 });
  });
});

describe('validation report', () => {
  const bad: [string, Record<string, string>, string][] = [
    ['missing title', { 成果名称: '' }, 'title'],
    ['unknown enum', { 成果属性: '自主研发' }, 'attribute'],
    ['three decimals', { '转让价格（元）': '100.123' }, 'price'],
    ['not a number', { '转让价格（元）': '十万' }, 'price'],
    ['TRL out of range', { 技术成熟度: '12' }, 'trl'],
    ['shares do not add up', { 完成人: '王建华:60；刘秀兰:30' }, 'completers'],
    ['start after end', { 研究起始时间: '2024-01', 研究终止时间: '2023-01' }, 'researchEnd'],
    ['division outside section', { 所属行业门类: 'A' }, 'industryDivision'],
    ['unknown region', { 所在地区: '火星' }, 'regionCode'],
    ['bad date', { 研究起始时间: '2020-13' }, 'researchStart'],
    ['licence without kinds', { 许可方式: '' }, 'licenseKinds'],
    ['classified', { 密级: '秘密' }, 'confidentiality'],
    ['bad phone', { 联系电话: 'call me' }, 'contact.phone'],
    ['summary too short', { 成果简介: '太短' }, 'summary'],
  ];

  it('reports every malformed row with field, column and reason; all_or_nothing imports nothing', async () => {
    const { c, org } = await member();
    const rows = [achievementRow(0), ...bad.map(([, over], i) => achievementRow(i + 1, over))];
    const fileId = await uploadImport(c, 'bad.csv', csv(rows));
    const report = await validate(c, fileId, { mode: 'all_or_nothing' });
    expect(report).toMatchObject({ status: 'validated', totalRows: rows.length, validRows: 1, invalidRows: bad.length, actions: [] });
    bad.forEach(([name, , field], i) => {
      const line = report.errors.filter((e: { row: number }) => e.row === i + 3);
      expect(line.map((e: { field: string }) => e.field), name).toContain(field);
      for (const e of line) expect(e.message && e.messageEn, name).toBeTruthy();
    });
    expect(report.errors.find((e: { field: string }) => e.field === 'price').column).toBe('转让价格（元）');
    const refused = await c.post(`/api/v1/imports/${report.id}/commit`);
    expect(refused.status).toBe(409);
    await env.drainJobs();
    expect(await env.db.select().from(achievements).where(eq(achievements.organisationId, org.id))).toHaveLength(0);
    const csvReport = await c.get(`/api/v1/imports/${report.id}/errors.csv`);
    expect(csvReport.status).toBe(200);
    expect(String(csvReport.headers['content-type'])).toContain('text/csv');
    expect(String(csvReport.body)).toContain('行号');
    expect(String(csvReport.body)).toContain('超过两位小数');
  });

  it('valid_only imports the valid rows and reports the others', async () => {
    const { c, org } = await member();
    const rows = [achievementRow(1), achievementRow(2, { 技术成熟度: '0' }), achievementRow(3)];
    const fileId = await uploadImport(c, 'mixed.csv', csv(rows));
    const report = await validate(c, fileId, { mode: 'valid_only' });
    expect(report).toMatchObject({ validRows: 2, invalidRows: 1, actions: ['commit'] });
    const { batch } = await commit(c, report.id);
    expect(batch).toMatchObject({ status: 'done', importedRows: 2, invalidRows: 1 });
    const recs = await env.db.select().from(achievements).where(eq(achievements.organisationId, org.id));
    expect(recs.map((r) => r.externalId).sort()).toEqual([rows[0]!['外部编号'], rows[2]!['外部编号']].sort());
  });

  it('reads CSV with a BOM and Chinese headers in any order, and JSONL in the API shape or with Chinese keys', async () => {
    const { c } = await member();
    const headers = [...HEADERS].reverse();
    const f1 = await uploadImport(c, 'r.csv', csv([achievementRow(1)], headers, true));
    expect(await validate(c, f1)).toMatchObject({ format: 'csv', validRows: 1, invalidRows: 0 });
    const f2 = await uploadImport(c, 'r.csv', csv([achievementRow(1)], HEADERS, false));
    expect(await validate(c, f2)).toMatchObject({ validRows: 1 });
    const lines = [JSON.stringify(achievementRow(5)), '{not json', JSON.stringify({ ...achievementRow(6), 技术成熟度: 'x' })].join('\n');
    const f3 = await uploadImport(c, 'r.jsonl', Buffer.from(lines));
    const r3 = await validate(c, f3);
    expect(r3).toMatchObject({ format: 'jsonl', totalRows: 3, validRows: 1, invalidRows: 2 });
    expect(r3.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, ''],
      [3, 'trl'],
    ]);
  });

  it('refuses a duplicate external id, in the file and against earlier imports (never an update)', async () => {
    const { c } = await member();
    const row = achievementRow(1);
    const f1 = await uploadImport(c, 'a.csv', csv([row]));
    const b1 = await validate(c, f1);
    await commit(c, b1.id);
    const f2 = await uploadImport(c, 'b.csv', csv([row, achievementRow(2), achievementRow(2, { 外部编号: row['外部编号']! })]));
    const b2 = await validate(c, f2, { mode: 'valid_only' });
    expect(b2).toMatchObject({ validRows: 1, invalidRows: 2 });
    expect(b2.errors.every((e: { field: string }) => e.field === 'externalId')).toBe(true);
    const [rec] = await env.db.select().from(achievements).where(eq(achievements.externalId, row['外部编号']!));
    expect(rec!.title).toBe(row['成果名称']);
  });

  it('counts progress exactly over many rows and stores at most 1,000 errors', async () => {
    const { c } = await member();
    const rows = Array.from({ length: 1203 }, (_, i) => achievementRow(i, i % 1 === 0 ? { 技术成熟度: 'x' } : {}));
    const fileId = await uploadImport(c, 'many.csv', csv(rows));
    const report = await validate(c, fileId, { mode: 'valid_only' });
    expect(report).toMatchObject({ totalRows: 1203, processedRows: 1203, validRows: 0, invalidRows: 1203, errorsTruncated: true });
    expect(report.errors).toHaveLength(1000);
    const [row] = await env.db.select().from(importBatches).where(eq(importBatches.id, report.id));
    expect(row!.processedRows).toBe(1203);
  });
});

describe('who may import what', () => {
  it('publishes only for reviewers and the bureau, re-indexes published records, and needs a verified organisation to submit', async () => {
    const { c } = await member();
    const f = await uploadImport(c, 'a.csv', csv([achievementRow(1)]));
    expect((await c.post('/api/v1/imports', { fileId: f, kind: 'achievement', targetStatus: 'published' })).status).toBe(403);

    const pending = await member(['enterprise_member'], 'pending');
    const fp = await uploadImport(pending.c, 'a.csv', csv([achievementRow(1)]));
    const sub = await pending.c.post('/api/v1/imports', { fileId: fp, kind: 'achievement', targetStatus: 'submitted' });
    expect(sub.status).toBe(403);
    expect(sub.body.error.code).toBe('ORG_NOT_VERIFIED');

    const bureau = await member(['bureau_admin']);
    const fb = await uploadImport(bureau.c, 'a.csv', csv([achievementRow(1), achievementRow(2)]));
    const noOrg = await bureau.c.post('/api/v1/imports', { fileId: fb, kind: 'achievement', targetStatus: 'published' });
    expect(noOrg.status).toBe(400);
    expect(noOrg.body.error.fields[0].path).toBe('organisationId');
    const report = await validate(bureau.c, fb, { targetStatus: 'published', organisationId: bureau.org.id });
    const { batch } = await commit(bureau.c, report.id);
    expect(batch).toMatchObject({ status: 'done', importedRows: 2 });
    const recs = await env.db.select().from(achievements).where(eq(achievements.organisationId, bureau.org.id));
    expect(recs.every((r) => r.status === 'published' && r.publishedRevisionId && r.publishedAt)).toBe(true);
    const revs = await env.db.select().from(listingRevisions).where(inArray(listingRevisions.achievementId, recs.map((r) => r.id)));
    expect(revs.every((r) => r.status === 'approved')).toBe(true);

    // Someone else's batch is invisible.
    expect((await c.get(`/api/v1/imports/${report.id}`)).status).toBe(404);
  });

  it('imports demands, with budgets in yuan converted exactly', async () => {
    const { c, org } = await member();
    const headers = ['外部编号', '需求名称', '需解决的技术问题', '预算下限（元）', '预算上限（元）', '合作方式', '截止日期', '所属行业门类', '所在地区', '联系人'];
    const row = {
      外部编号: 'D-1',
      需求名称: '日光温室冬季补光节能控制',
      需解决的技术问题: '河西走廊冬季日照短，日光温室番茄补光电耗占生产成本的 18%，需要按光照和作物需求自动调节补光。',
      '预算下限（元）': '0.1',
      '预算上限（元）': '200000.2',
      合作方式: '委托开发, 技术咨询',
      截止日期: '2027-12-31',
      所属行业门类: 'A',
      所在地区: '凉州区',
      联系人: '赵敏',
    };
    const f = await uploadImport(c, 'd.csv', csv([row], headers));
    const res = await c.post('/api/v1/imports', { fileId: f, kind: 'demand' });
    await env.drainJobs();
    const { batch } = await commit(c, res.body.id);
    expect(batch).toMatchObject({ status: 'done', importedRows: 1 });
    const [d] = await env.db.select().from(demands).where(eq(demands.organisationId, org.id));
    expect(d).toMatchObject({ budgetMinFen: 10, budgetMaxFen: 20000020, cooperationModes: ['commissioned-development', 'technical-consulting'], regionCode: '620602' });
  });
});
