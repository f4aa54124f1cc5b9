/**
 * `npm run bench:http`: throughput and tail latency of an authenticated read
 * endpoint over loopback, with autocannon (50 connections), once on the
 * embedded PostgreSQL and once on an external PostgreSQL (BENCH_DATABASE_URL,
 * else a throwaway Debian PostgreSQL 15 cluster when one can be started).
 *
 * Env: BENCH_DURATION seconds per row (default 30), BENCH_CONNECTIONS (50),
 * BENCH_DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { launchPlatform, signInHttp } from '../tests/e2e/support/launch.js';
import { type Cluster, debianPg15Available, startPg15Cluster } from './pg-cluster.js';
import { table, writeReport } from './report.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ADMIN_PASSWORD = 'Bench-Http-2024!x';
/** Preferred endpoint, and the one every build has. */
const ENDPOINTS = ['/api/v1/notifications/unread-count', '/api/v1/session'];

type Row = {
  database: string;
  endpoint: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

async function benchOne(label: string, opts: { databaseUrl?: string }): Promise<Row> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-http-'));
  // The worker polls the job table; keep it on, as in production.
  const platform = await launchPlatform({ dataDir, databaseUrl: opts.databaseUrl, adminPassword: ADMIN_PASSWORD, env: { LOG_LEVEL: 'error' } });
  try {
    // Login is rate limited (20/min/IP): sign in once and reuse the cookie.
    const { cookie } = await signInHttp(platform.url, 'admin', ADMIN_PASSWORD);
    const endpoint = await pickEndpoint(platform.url, cookie);
    console.error(`${label}: ${CONNECTIONS} connections × ${DURATION} s on GET ${endpoint}`);
    const result = await autocannon({
      url: `${platform.url}${endpoint}`,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { cookie, accept: 'application/json' },
    });
    return {
      database: label,
      endpoint,
      requestsPerSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  } finally {
    await platform.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function pickEndpoint(url: string, cookie: string): Promise<string> {
  for (const e of ENDPOINTS) {
    const res = await fetch(`${url}${e}`, { headers: { cookie } });
    await res.body?.cancel();
    if (res.status === 200) return e;
  }
  throw new Error(`No authenticated read endpoint answered 200 (${ENDPOINTS.join(', ')})`);
}

async function main() {
  const rows: Row[] = [await benchOne('embedded PostgreSQL 18', {})];

  let cluster: Cluster | null = null;
  let external = process.env.BENCH_DATABASE_URL;
  let externalLabel = 'external (BENCH_DATABASE_URL)';
  if (!external && debianPg15Available()) {
    cluster = await startPg15Cluster();
    external = cluster.url;
    externalLabel = `Debian PostgreSQL ${cluster.version}`;
  }
  try {
    if (external) rows.push(await benchOne(externalLabel, { databaseUrl: external }));
    else console.error('No external PostgreSQL: set BENCH_DATABASE_URL or install postgresql-15 for the second row.');
  } finally {
    cluster?.stop();
  }

  console.log(`\nAuthenticated read, ${CONNECTIONS} connections, ${DURATION} s, loopback\n`);
  console.log(
    table(
      ['database', 'endpoint', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
      rows.map((r) => [r.database, r.endpoint, r.requestsPerSecond, r.latencyP50Ms, r.latencyP99Ms, r.non2xx, r.errors + r.timeouts]),
    ),
  );
  const file = writeReport('http', { durationSeconds: DURATION, connections: CONNECTIONS, rows });
  console.log(`\nwrote ${file}`);
}

await main();
