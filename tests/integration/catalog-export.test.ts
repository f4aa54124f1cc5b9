import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportListings } from '../../server/modules/catalog/search/export-listings.js';
import { setupTestEnv } from '../support/harness.js';
import { createOrg } from '../support/factories.js';
import { createAchievement, seedCatalog } from '../support/listing-factory.js';

const env = await setupTestEnv();
let cat: Awaited<ReturnType<typeof seedCatalog>>;
let farmId: string;

beforeAll(async () => {
  const farm = await createOrg(env.db, { name: '武威绿洲农业科技有限公司' });
  const lab = await createOrg(env.db, { type: 'research_institute', name: '兰州重离子装备研究所' });
  farmId = farm.id;
  cat = await seedCatalog(env.db, { farm: farm.id, lab: lab.id });
});

const get = (url: string) => env.app.inject({ method: 'GET', url });

async function readStream(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

describe('exports of the filtered list', () => {
  it('writes XLSX with Chinese headers and labels, filtered like the list, without contacts', async () => {
    const res = await get('/api/v1/achievements/export?format=xlsx&region=620600&sort=price_asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="achievements-\d{8}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['标题', '发布机构', '成果简介', '技术成熟度', '转化方式', '价格（元）', '主导产业', '地区', '链接']));
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.rowCount).toBe(1 + 4);
    const first = ws.getRow(2);
    expect(first.getCell(col('标题')).value).toBe('膜下滴灌水肥一体化智能控制系统');
    expect(first.getCell(col('价格（元）')).value).toBe('50000.00');
    expect(first.getCell(col('转化方式')).value).toBe('技术服务');
    expect(first.getCell(col('地区')).value).toBe('甘肃省武威市凉州区');
    expect(String(first.getCell(col('链接')).value)).toMatch(new RegExp(`/achievements/${cat.drip.id}$`));
    const everything = JSON.stringify(ws.getSheetValues());
    expect(everything).not.toContain('13909350000');
    expect(everything).not.toContain('王老师');
  });

  it('writes CSV with a BOM, CRLF lines, and guards cells against formula injection', async () => {
    await createAchievement(
      env.db,
      { title: '=HYPERLINK("http://evil.example","点我")', summary: '+cmd|" /C calc"!A0 这是一段用于测试公式注入防护的成果简介文字。', keywords: ['@SUM(1)'] },
      { organisationId: farmId },
    );
    const res = await get('/api/v1/achievements/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body.startsWith('\uFEFF标题,')).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines.length).toBe(1 + 6 + 1); // header, six listings, trailing empty line
    const evil = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(evil.startsWith(`"'=HYPERLINK`)).toBe(true);
    expect(evil).toContain(`"'+cmd|`);
    expect(evil).toContain(`'@SUM(1)`);
    expect(res.body).not.toContain('13909350000');
  });

  it('writes JSON as an array of published records with the search applied', async () => {
    const res = await get(`/api/v1/demands/export?format=json&q=${encodeURIComponent('甜高粱')}`);
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body) as Record<string, unknown>[];
    expect(body.map((r) => r.id)).toEqual([cat.silage.id]);
    expect(body[0]).toMatchObject({ title: '甜高粱青贮饲料保鲜工艺', budgetMinFen: 10_000_000, cooperationModes: ['commissioned-development', 'technical-consulting'] });
    expect(body[0]!.contact).toBeUndefined();
    expect(res.body).not.toContain('13809350000');
    const empty = await get('/api/v1/demands/export?format=json&region=110000');
    expect(JSON.parse(empty.body)).toEqual([]);
  });

  it('caps the rows and says so in the file and the headers', async () => {
    const out = await exportListings(env.db, 'achievement', { format: 'csv' }, { publicUrl: 'https://cg.example', now: new Date(), maxRows: 2 });
    expect(out).toMatchObject({ rows: 2, total: 6 });
    const text = (await readStream(out.stream)).toString('utf8');
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toContain('共 6 条记录匹配，仅导出前 2 条');
    expect(lines[1]!.startsWith('标题,')).toBe(true);
    expect(lines.length).toBe(2 + 2 + 1);
    const res = await get('/api/v1/achievements/export?format=json');
    expect(res.headers['x-export-truncated']).toBe('false');
    expect(res.headers['x-export-total']).toBe('6');
  });

  it('refuses an unknown format or a bad filter with a field message', async () => {
    const res = await get('/api/v1/achievements/export?format=pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('format');
    const bad = await get('/api/v1/demands/export?budgetMinFen=9&budgetMaxFen=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('budgetMaxFen');
  });
});
