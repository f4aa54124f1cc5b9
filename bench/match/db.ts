/**
 * The bench's own PostgreSQL: an embedded server in a temporary data
 * directory on a free port (or BENCH_DATABASE_URL), with one table per corpus:
 * id, title, facets (jsonb) and a tsvector built by our tokenizer, GIN- and
 * trigram-indexed like the catalog's tables.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../server/db/embedded.js';
import { tsvectorText } from '../../server/modules/search/index.js';
import type { Corpus } from './data.js';
import type { FieldTokens } from './tokens.js';

export type BenchDb = { db: NodePgDatabase; pool: pg.Pool; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startDb(log: (m: string) => void): Promise<BenchDb> {
  let url = process.env.BENCH_DATABASE_URL;
  let stopServer = async () => {};
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cg-bench-match-'));
    const handle = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
    url = handle.url;
    stopServer = async () => {
      await handle.stop();
      await rm(dir, { recursive: true, force: true });
    };
    log(`embedded PostgreSQL in ${dir}`);
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  return {
    db: drizzle(pool),
    pool,
    stop: async () => {
      await pool.end();
      await stopServer();
    },
  };
}

export const tableName = (corpus: string) => `bench_${corpus.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;

/** (Re)creates the corpus table and loads it: the vector holds A title, B keywords, C body, D indicators. */
export async function loadCorpus(pool: pg.Pool, corpus: Corpus, tokens: ReadonlyMap<string, FieldTokens>, idSuffixes: readonly string[] = ['']): Promise<void> {
  const table = tableName(corpus.name);
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query(`CREATE TABLE ${table} (id text PRIMARY KEY, external_id text, title text NOT NULL DEFAULT '', facets jsonb NOT NULL, search_vector tsvector)`);
  const rows: unknown[][] = [];
  for (const suffix of idSuffixes) {
    for (const d of corpus.docs) {
      const t = tokens.get(d.id)!;
      const title = typeof d.fields.title === 'string' ? d.fields.title : '';
      rows.push([d.id + suffix, d.externalId ?? d.id, title, JSON.stringify(d.facets), tsvectorText({ A: t.title, B: t.keywords, C: t.body, D: t.indicators })]);
    }
  }
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const values = batch.map((_, j) => `($${j * 5 + 1}, $${j * 5 + 2}, $${j * 5 + 3}, $${j * 5 + 4}::jsonb, $${j * 5 + 5}::tsvector)`).join(',');
    await pool.query(`INSERT INTO ${table} VALUES ${values}`, batch.flat());
  }
  await pool.query(`CREATE INDEX ON ${table} USING gin (search_vector)`);
  await pool.query(`CREATE INDEX ON ${table} USING gin (title gin_trgm_ops)`);
  await pool.query(`ANALYZE ${table}`);
}
