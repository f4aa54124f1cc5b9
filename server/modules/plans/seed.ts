import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { importPlan } from './import-plan.js';
import { plans } from './schema.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * On start-up, when no plan exists yet, load the district's plan files
 * (config/districts/<DISTRICT>/plan-*.json, in name order). Runs after the
 * organisation tree is seeded, since plans name units by code. Returns the ids
 * of the plans loaded (none when a plan already exists).
 */
export async function seedDefaultPlan(db: Db, district = process.env.DISTRICT ?? 'liangzhou', now = new Date()): Promise<string[]> {
  const dir = path.join(ROOT, 'config', 'districts', district);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => /^plan-.*\.json$/.test(f)).sort();
  } catch {
    return [];
  }
  return withTx(db, async (tx) => {
    // Two instances starting at once load the plan once.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7301006)`);
    const [any] = await tx.select({ id: plans.id }).from(plans).limit(1);
    if (any) return [];
    const ids: string[] = [];
    for (const name of names) {
      const plan = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as unknown;
      try {
        ids.push((await importPlan(tx, systemActor(), { plan }, now)).planId);
      } catch (e) {
        const fields = (e as { options?: { fields?: { path: string; en: string }[] } }).options?.fields ?? [];
        throw new Error(`${name} is invalid:\n${fields.map((f) => `  ${f.path}: ${f.en}`).join('\n') || String(e)}`, { cause: e });
      }
    }
    return ids;
  });
}
