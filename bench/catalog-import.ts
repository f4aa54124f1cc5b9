/**
 * Import throughput: 100,000 achievements (BENCH_ROWS) built by repeating the
 * real texts of ../shared/data/zhibei/achievements.jsonl under new ids, written
 * as JSONL and as XLSX (benchmark only; the platform's fixtures and demo are
 * written for it), imported through the same operations as the web, the API
 * and the CLI (upload → create → validate → commit), on an embedded
 * PostgreSQL the bench creates in a temporary directory.
 *
 *   npm run bench:import            (tsx bench/catalog-import.ts)
 *   BENCH_ROWS=20000 BENCH_TARGET=draft npm run bench:import
 *
 * Prints rows/s per phase and writes artifacts/bench/catalog-import.json.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { type Actor, systemActor } from '../server/core/access.js';
import { createDb } from '../server/db/client.js';
import { startEmbeddedPostgres } from '../server/db/embedded.js';
import { runMigrations } from '../server/db/migrate.js';
import { withTx } from '../server/db/tx.js';
import { uploadFile } from '../server/modules/files/upload-file.js';
import { COLUMNS } from '../server/modules/imports/columns.js';
import { commitImport } from '../server/modules/imports/commit-import.js';
import { createImport } from '../server/modules/imports/create-import.js';
import { findBatch } from '../server/modules/imports/repository.js';
import { runCommit } from '../server/modules/imports/run-commit.js';
import { runValidation } from '../server/modules/imports/run-validation.js';
import { organisations } from '../server/modules/organisations/schema.js';
import { creditCodeCheckChar } from '../shared/credit-code.js';
import { freePort, ROOT } from '../tests/e2e/support/launch.js';
import { table, writeReport } from './report.js';
import '../server/jobs.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TARGET = (process.env.BENCH_TARGET ?? 'published') as 'draft' | 'published';
const SOURCE = path.resolve(ROOT, '..', 'shared', 'data', 'zhibei', 'achievements.jsonl');

type Source = { title: string; abstract: string | null; price: string | null };

async function readSource(): Promise<Source[]> {
  const out: Source[] = [];
  const rl = createInterface({ input: createReadStream(SOURCE, 'utf8') });
  for await (const line of rl) if (line.trim()) out.push(JSON.parse(line) as Source);
  return out;
}

/** One achievement row, keyed by the template's Chinese headers; texts from the source, the rest fixed. */
function row(s: Source, i: number): Record<string, string> {
  const summary = (s.abstract ?? '').trim().replace(/\s+/g, ' ');
  const price = s.price && /^\d+(\.\d{1,2})?$/.test(s.price.replace(/万元?$/, '')) ? String(Math.round(Number(s.price.replace(/万元?$/, '')) * (s.price.includes('万') ? 10000 : 1))) : '面议';
  return {
    外部编号: `bench-${i}`,
    成果名称: `${s.title.trim().slice(0, 90)} ${i}`.trim(),
    研究起始时间: '2020-01',
    研究终止时间: '2022-12',
    密级: '公开',
    成果属性: '国内技术二次开发',
    关键词: s.title.trim().slice(0, 10) || '技术',
    成果体现形式: '新技术',
    成果水平: '未评价',
    成果所处阶段: '中期阶段',
    评价方式: '未评价',
    应用状态: '试用',
    完成单位: '基准测试单位',
    完成人: '测试人',
    成果简介: summary.length >= 20 ? summary.slice(0, 3900) : `${summary}（基准测试补足的简介文字，用于满足最少二十字的要求）`,
    技术成熟度: String((i % 9) + 1),
    转化方式: '转让；技术服务',
    '转让价格（元）': price,
    所属行业门类: 'C',
    技术领域: 'F08.04',
    所在地区: '620602',
    联系人: '测试联系人',
  };
}

async function main() {
  if (!existsSync(SOURCE)) throw new Error(`${SOURCE} not found`);
  const source = await readSource();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-import-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port: await freePort() });
  const db = createDb(pg.url, 4);
  try {
    await runMigrations(db);
    const first17 = '91620602MA7BENCHX'.replace(/[IOSVZ]/g, '1').slice(0, 17);
    const [org] = await db
      .insert(organisations)
      .values({ type: 'enterprise', name: '基准测试单位', creditCode: first17 + creditCodeCheckChar(first17)!, verificationStatus: 'verified' })
      .returning();
    const actor: Actor = { ...systemActor('bench'), roles: ['bureau_admin'] };
    const headers = COLUMNS.achievement.map((c) => c.header);

    // Files (not timed).
    const jsonl = path.join(dir, 'achievements.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) lines.push(JSON.stringify(row(source[i % source.length]!, i)));
    await writeFile(jsonl, lines.join('\n') + '\n');
    const xlsx = path.join(dir, 'achievements.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false });
    const ws = wb.addWorksheet('科技成果');
    ws.addRow(headers).commit();
    for (let i = 0; i < ROWS; i++) {
      const r = row(source[i % source.length]!, i + ROWS);
      ws.addRow(headers.map((h) => r[h] ?? '')).commit();
    }
    await wb.commit();

    const results = [];
    for (const [format, file] of [['jsonl', jsonl], ['xlsx', xlsx]] as const) {
      const { readFile } = await import('node:fs/promises');
      const data = await readFile(file);
      let t = performance.now();
      const f = await withTx(db, (tx) => uploadFile(tx, actor, { purpose: 'import', filename: path.basename(file), data }, new Date()));
      const batch = await withTx(db, (tx) =>
        createImport(tx, actor, { fileId: f.id, kind: 'achievement', mode: 'all_or_nothing', targetStatus: TARGET, organisationId: org!.id }, new Date(), { inline: true }),
      );
      const uploadSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      await runValidation(db, batch.id, new Date());
      const validateSeconds = (performance.now() - t) / 1000;
      const v = (await findBatch(db, batch.id))!;
      if (v.invalidRows > 0) throw new Error(`${format}: ${v.invalidRows} invalid rows, e.g. ${JSON.stringify((v.errors as unknown[]).slice(0, 3))}`);
      t = performance.now();
      await withTx(db, (tx) => commitImport(tx, actor, batch.id, new Date(), { inline: true }));
      await runCommit(db, batch.id, new Date());
      const commitSeconds = (performance.now() - t) / 1000;
      const done = (await findBatch(db, batch.id))!;
      if (done.status !== 'done' || done.importedRows !== ROWS) throw new Error(`${format}: ${done.status} ${done.importedRows}`);
      results.push({
        format,
        rows: ROWS,
        target: TARGET,
        fileMiB: Math.round((data.length / 2 ** 20) * 10) / 10,
        uploadSeconds: round(uploadSeconds),
        validateSeconds: round(validateSeconds),
        commitSeconds: round(commitSeconds),
        validateRowsPerSecond: Math.round(ROWS / validateSeconds),
        commitRowsPerSecond: Math.round(ROWS / commitSeconds),
        endToEndRowsPerSecond: Math.round(ROWS / (uploadSeconds + validateSeconds + commitSeconds)),
      });
    }
    console.log(
      table(
        ['format', 'rows', 'MiB', 'upload s', 'validate s', 'commit s', 'validate rows/s', 'commit rows/s', 'end-to-end rows/s'],
        results.map((r) => [r.format, r.rows, r.fileMiB, r.uploadSeconds, r.validateSeconds, r.commitSeconds, r.validateRowsPerSecond, r.commitRowsPerSecond, r.endToEndRowsPerSecond]),
      ),
    );
    console.log(`\nwritten: ${writeReport('catalog-import', { target: TARGET, results })}`);
  } finally {
    await db.$client.end();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

await main();
process.exit(0);
