import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../server/core/logger.js';
import { defineJob, defineSchedule, enqueue, Worker } from '../../server/core/jobs/queue.js';
import { jobs } from '../../server/core/jobs/schema.js';
import { withTx } from '../../server/db/tx.js';
import { setupTestEnv } from '../support/harness.js';

const env = await setupTestEnv();
const log = createLogger('silent');

const seen: string[] = [];
let failuresLeft = 0;
const recordJob = defineJob({
  name: 'test.record',
  payload: z.object({ tag: z.string() }),
  maxAttempts: 3,
  handler: async ({ tag }) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('transient');
    }
    seen.push(tag);
  },
});
const slowJob = defineJob({
  name: 'test.slow',
  payload: z.object({}),
  handler: async (_p, { heartbeat }) => {
    await heartbeat();
  },
});
const tick = defineJob({ name: 'test.tick', payload: z.object({}), handler: async () => void seen.push('tick') });
defineSchedule(tick, 3600, {});

async function jobRows(name: string) {
  return env.db.select().from(jobs).where(eq(jobs.name, name));
}

describe('job queue', () => {
  it('runs a job only if the transaction that queued it committed', async () => {
    await expect(
      withTx(env.db, async (tx) => {
        await enqueue(tx, recordJob, { tag: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await withTx(env.db, (tx) => enqueue(tx, recordJob, { tag: 'committed' }));
    await env.drainJobs();
    expect(seen).toContain('committed');
    expect(seen).not.toContain('rolled-back');
  });

  it('refuses a payload that does not match the job’s schema at enqueue time', async () => {
    await expect(withTx(env.db, (tx) => enqueue(tx, recordJob, { tag: 42 } as never))).rejects.toThrow();
  });

  it('retries with back-off, then gives up after maxAttempts', async () => {
    failuresLeft = 5;
    await withTx(env.db, (tx) => enqueue(tx, recordJob, { tag: 'flaky' }));
    for (let i = 0; i < 3; i++) {
      await env.drainJobs();
      env.clock.advance(3600);
    }
    const [row] = (await jobRows('test.record')).filter((r) => (r.payload as { tag: string }).tag === 'flaky');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lastError: 'transient' });
    expect(seen).not.toContain('flaky');
    failuresLeft = 0;
  });

  it('keeps one queued job per singleton key', async () => {
    await withTx(env.db, async (tx) => {
      await enqueue(tx, recordJob, { tag: 'once' }, { singletonKey: 'k1' });
      await enqueue(tx, recordJob, { tag: 'once-again' }, { singletonKey: 'k1' });
    });
    const queued = (await jobRows('test.record')).filter((r) => r.singletonKey === 'k1');
    expect(queued).toHaveLength(1);
  });

  it('requeues and then runs a job whose worker died mid-run', async () => {
    await withTx(env.db, (tx) => enqueue(tx, slowJob, {}));
    // Claimed by a worker that then vanished 11 minutes ago.
    await env.db.update(jobs).set({ status: 'running', lockedAt: sql`now() - interval '11 minutes'` }).where(eq(jobs.name, 'test.slow'));
    const w = new Worker(env.db, log, env.clock.now);
    await w.start();
    await w.stop();
    await env.drainJobs();
    const [row] = await jobRows('test.slow');
    expect(row!.status).toBe('done');
  });

  it('runs a schedule once per interval, whichever of two workers gets there first', async () => {
    const a = new Worker(env.db, log, env.clock.now);
    const b = new Worker(env.db, log, env.clock.now);
    const before = seen.filter((t) => t === 'tick').length;
    // Earlier workers in this file may have run it already: start from a due slot.
    env.clock.advance(3601);
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    expect(seen.filter((t) => t === 'tick').length - before).toBe(1);
    env.clock.advance(3601);
    await Promise.all([a.drain(), b.drain()]);
    expect(seen.filter((t) => t === 'tick').length - before).toBe(2);
  });
});
