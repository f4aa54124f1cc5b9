/**
 * `npm run bench:startup`: how long `node --import tsx server/main.ts` takes
 * until /readyz answers 200, on a fresh data directory (initdb + migrations +
 * seed + first administrator) and on the same directory again (warm start),
 * and how much memory the platform holds after idling.
 *
 * Env: BENCH_RUNS (default 3), BENCH_IDLE_SECONDS (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchPlatform, postmasterPid, processTree, rssKiB, sleep } from '../tests/e2e/support/launch.js';
import { median, mib, table, writeReport } from './report.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const ADMIN_PASSWORD = 'Bench-Startup-2024!x';

type Run = { run: number; coldMs: number; warmMs: number };

async function main() {
  const runs: Run[] = [];
  let memory: { nodeKiB: number; postgresKiB: number; postgresProcesses: number } | null = null;

  for (let i = 1; i <= RUNS; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-startup-'));
    try {
      const cold = await launchPlatform({ dataDir, adminPassword: ADMIN_PASSWORD });
      await cold.stop();
      const warm = await launchPlatform({ dataDir, adminPassword: ADMIN_PASSWORD });
      if (i === RUNS) memory = await measureIdle(warm.child.pid!, warm.pgDir!);
      await warm.stop();
      runs.push({ run: i, coldMs: cold.readyMs, warmMs: warm.readyMs });
      console.error(`run ${i}: cold ${cold.readyMs.toFixed(0)} ms, warm ${warm.readyMs.toFixed(0)} ms`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const cold = median(runs.map((r) => r.coldMs));
  const warm = median(runs.map((r) => r.warmMs));
  console.log('\nStart-up to /readyz 200 (embedded PostgreSQL)\n');
  console.log(
    table(
      ['run', 'fresh data dir (ms)', 'existing data dir (ms)'],
      [...runs.map((r) => [String(r.run), r.coldMs.toFixed(0), r.warmMs.toFixed(0)]), ['median', cold.toFixed(0), warm.toFixed(0)]],
    ),
  );
  if (memory) {
    console.log(`\nResident memory after ${IDLE_SECONDS} s idle (warm start)\n`);
    console.log(
      table(
        ['process', 'RSS (MiB)'],
        [
          ['node (server)', mib(memory.nodeKiB)],
          [`postgres (${memory.postgresProcesses} processes)`, mib(memory.postgresKiB)],
        ],
      ),
    );
  }
  const file = writeReport('startup', {
    runs,
    medianColdMs: Math.round(cold),
    medianWarmMs: Math.round(warm),
    idleSeconds: IDLE_SECONDS,
    memory,
  });
  console.log(`\nwrote ${file}`);
}

/**
 * RSS after idling. PostgreSQL's processes share their buffer pool, so the
 * summed RSS over-counts shared pages; it is the figure `ps` users compare.
 */
async function measureIdle(nodePid: number, pgDir: string) {
  await sleep(IDLE_SECONDS * 1000);
  const postmaster = postmasterPid(pgDir);
  const pgPids = postmaster ? processTree(postmaster) : [];
  return {
    nodeKiB: rssKiB(nodePid),
    postgresKiB: pgPids.reduce((sum, p) => sum + rssKiB(p), 0),
    postgresProcesses: pgPids.length,
  };
}

await main();
