import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

// Return int8 and numeric as strings is pg's default; bigint counts we read are
// converted where used. Dates: timestamptz are parsed to Date by pg.

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle; operations take this, never the pool. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool-backed database or a transaction: read helpers accept both. */
export type DbOrTx = Db | Tx;

export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'chengguo' });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  return drizzle(pool, { schema, casing: 'snake_case' }) as Db;
}
