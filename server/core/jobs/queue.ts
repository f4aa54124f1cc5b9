import { hostname } from 'node:os';
import { and, eq, lte, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client.js';
import { jobSchedules, jobs } from './schema.js';

/**
 * A named job with a zod payload. Handlers run after the enqueuing transaction
 * committed, at least once: they must be idempotent.
 */
export type JobDef<S extends z.ZodType = z.ZodType> = {
  name: string;
  payload: S;
  maxAttempts?: number;
  handler: (payload: z.output<S>, ctx: JobContext) => Promise<void>;
};
/**
 * What a handler gets; `now` is the worker's clock (injected in tests). A job
 * that runs longer than the stale limit calls `heartbeat()` now and then, or
 * it is taken for dead and queued again.
 */
export type JobContext = { db: Db; log: Logger; jobId: number; attempt: number; now: () => Date; heartbeat: () => Promise<void> };

const registry = new Map<string, JobDef>();
const schedules = new Map<string, { intervalSeconds: number; job: JobDef; payload: unknown }>();
const CHANNEL = 'chengguo_jobs';
const ASAP = new Date(0);

export function defineJob<S extends z.ZodType>(def: JobDef<S>): JobDef<S> {
  if (registry.has(def.name)) throw new Error(`job ${def.name} defined twice`);
  registry.set(def.name, def as unknown as JobDef);
  return def;
}

/** Run `job` every `intervalSeconds`, once across all instances. */
export function defineSchedule<S extends z.ZodType>(job: JobDef<S>, intervalSeconds: number, payload: z.input<S>): void {
  schedules.set(job.name, { intervalSeconds, job: job as unknown as JobDef, payload });
}

/**
 * Queue a job inside the caller's transaction. It becomes visible (and the
 * NOTIFY is delivered) only if that transaction commits.
 */
export async function enqueue<S extends z.ZodType>(
  tx: DbOrTx,
  job: JobDef<S>,
  payload: z.input<S>,
  opts: { runAt?: Date; singletonKey?: string } = {},
): Promise<void> {
  const data = job.payload.parse(payload);
  await tx
    .insert(jobs)
    .values({
      name: job.name,
      payload: data as object,
      // No runAt means "as soon as possible": the epoch is due on any clock,
      // including a test clock set in the past.
      runAt: opts.runAt ?? ASAP,
      maxAttempts: job.maxAttempts ?? 5,
      singletonKey: opts.singletonKey ?? null,
    })
    .onConflictDoNothing();
  await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${job.name})`);
}

type JobRow = typeof jobs.$inferSelect;

/** Claims and runs jobs. One per process; tests call `drain()` instead of `start()`. */
export class Worker {
  private readonly id = `${hostname()}:${process.pid}`;
  private running = false;
  private wake: (() => void) | null = null;
  private listener: pg.PoolClient | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.listener = await this.db.$client.connect();
    this.listener.on('notification', () => this.wake?.());
    await this.listener.query(`LISTEN ${CHANNEL}`);
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.listener) {
      await this.listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
      this.listener.release();
      this.listener = null;
    }
  }

  /** Run every job that is due now, then return how many ran. */
  async drain(max = 1000): Promise<number> {
    let n = 0;
    await this.tickSchedules();
    while (n < max && (await this.runOne())) n++;
    return n;
  }

  private async run(): Promise<void> {
    let lastHousekeeping = 0;
    while (this.running) {
      try {
        if (Date.now() - lastHousekeeping > 30_000) {
          lastHousekeeping = Date.now();
          await this.requeueStale();
          await this.tickSchedules();
        }
        while (this.running && (await this.runOne()));
      } catch (e) {
        this.log.error({ err: e }, 'job worker loop error');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 2_000);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async runOne(): Promise<boolean> {
    const claimed = await this.db.execute<JobRow>(sql`
      UPDATE jobs SET status = 'running', locked_at = now(), locked_by = ${this.id}, attempts = attempts + 1
      WHERE id = (
        SELECT id FROM jobs WHERE status = 'queued' AND run_at <= ${this.now()}
        ORDER BY run_at, id FOR UPDATE SKIP LOCKED LIMIT 1
      )
      RETURNING id, name, payload, attempts, max_attempts AS "maxAttempts"`);
    const row = claimed.rows[0];
    if (!row) return false;
    const def = registry.get(row.name);
    const log = this.log.child({ job: row.name, jobId: row.id });
    try {
      if (!def) throw new Error(`no handler for job ${row.name}`);
      await def.handler(def.payload.parse(row.payload), {
        db: this.db,
        log,
        jobId: row.id,
        attempt: row.attempts,
        now: this.now,
        heartbeat: async () => {
          await this.db.update(jobs).set({ lockedAt: new Date() }).where(eq(jobs.id, row.id));
        },
      });
      await this.db.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedAt: null }).where(eq(jobs.id, row.id));
    } catch (e) {
      const final = row.attempts >= row.maxAttempts;
      log.warn({ err: e, attempt: row.attempts, final }, 'job failed');
      const backoffSeconds = Math.min(3600, 2 ** row.attempts * 5);
      await this.db
        .update(jobs)
        .set({
          status: final ? 'failed' : 'queued',
          lastError: String(e instanceof Error ? e.message : e).slice(0, 2000),
          runAt: new Date(this.now().getTime() + backoffSeconds * 1000),
          lockedAt: null,
          finishedAt: final ? new Date() : null,
        })
        .where(eq(jobs.id, row.id));
    }
    return true;
  }

  /** Jobs whose worker died mid-run go back to the queue after 10 minutes. */
  private async requeueStale(): Promise<void> {
    await this.db.execute(sql`
      UPDATE jobs SET status = 'queued', locked_at = NULL
      WHERE status = 'running' AND locked_at < now() - interval '10 minutes'`);
    await this.db.execute(sql`DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - interval '7 days'`);
  }

  private async tickSchedules(): Promise<void> {
    const now = this.now();
    for (const [name, s] of schedules) {
      await this.db.transaction(async (tx) => {
        await tx.insert(jobSchedules).values({ name, nextRunAt: now }).onConflictDoNothing();
        const due = await tx
          .update(jobSchedules)
          .set({ nextRunAt: new Date(now.getTime() + s.intervalSeconds * 1000) })
          .where(and(eq(jobSchedules.name, name), lte(jobSchedules.nextRunAt, now)))
          .returning();
        if (due.length > 0) await enqueue(tx, s.job, s.payload, { singletonKey: `schedule:${name}`, runAt: now });
      });
    }
  }
}
