/** Jobs of matching (registered by importing this file from server/jobs.ts). */
import { z } from 'zod';
import { defineJob, defineSchedule, enqueue, type JobDef } from '../../core/jobs/queue.js';
import { loadConfig } from '../../config.js';
import { onListingIndexed } from '../catalog/search/index-listing.js';
import { DIRECTORY_KINDS, syncDirectory } from './directory-index.js';
import { sendDigests } from './digests.js';
import { runFeedbackRun, sweepFeedbackRuns } from './run-feedback-evaluation.js';
import { matchNewRecord } from './subscription-batch.js';
import { rebuildTermStats, invalidateTermStats } from './term-stats.js';
import './notification-texts.js';

const Kind = z.enum(['achievement', 'demand']);

/** How long after a publication the corpus statistics are rebuilt (publications in between share the rebuild). */
export const STATS_DELAY_SECONDS = 300;

/**
 * Rebuild a kind's corpus statistics (see term-stats.ts). Enqueued with a
 * singleton key and a delay, so any number of publications while one is
 * queued cost one rebuild.
 */
export const refreshTermStatsJob = defineJob({
  name: 'matching.refresh_term_stats',
  payload: z.object({ kind: Kind }),
  handler: async ({ kind }, { db, log }) => {
    const version = await rebuildTermStats(db, kind);
    invalidateTermStats(db, kind);
    log.debug({ kind, version }, 'term statistics rebuilt');
  },
});

/**
 * After the catalog re-indexed a listing (published, edited, withdrawn…):
 * refresh the statistics and tell subscribers about a newly matching record.
 */
export const recordIndexedJob = defineJob({
  name: 'matching.record_indexed',
  payload: z.object({ kind: Kind, id: z.uuid() }),
  handler: async ({ kind, id }, { db, now }) => {
    // Debounced: one rebuild at most every STATS_DELAY seconds per kind, however many publications;
    // the worker runs one job at a time, so a rebuild right after each publication would hold up the
    // next publication's re-indexing (bench:match-freshness measured it).
    await enqueue(db, refreshTermStatsJob, { kind }, { singletonKey: `matching.stats:${kind}`, runAt: new Date(now().getTime() + STATS_DELAY_SECONDS * 1000) });
    await matchNewRecord(db, kind, id, now());
  },
});

// The catalog's re-indexing job runs after the publication commits; matching follows it.
onListingIndexed(async (db, kind, id) => {
  await enqueue(db, recordIndexedJob, { kind, id });
});

function publicUrl(): string {
  try {
    return loadConfig(process.env).publicUrl;
  } catch {
    return `http://localhost:${process.env.PORT ?? 3000}`;
  }
}

/** Hourly: send the daily and weekly digests that are due (from 08:00 district time). */
export const sendDigestsJob = defineJob({
  name: 'matching.send_digests',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    const n = await sendDigests(db, now(), publicUrl());
    if (n > 0) log.info({ digests: n }, 'match digests queued');
  },
});

defineSchedule(sendDigestsJob, 3600, {});

/**
 * Every few minutes: bring matching's directory index in step with the
 * registries (0022). A match checks the same signatures itself at most once a
 * second; this keeps the index warm so that no visitor pays for rebuilding
 * entries approved while nobody was matching.
 */
export const syncDirectoryJob = defineJob({
  name: 'matching.sync_directory',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    for (const kind of DIRECTORY_KINDS) {
      const out = await syncDirectory(db, kind, now());
      if (out.written + out.removed > 0) log.info({ kind, ...out }, 'directory index synced');
    }
  },
});

defineSchedule(syncDirectoryJob, 300, {});

/**
 * A chunk of a run of the feedback evaluation asked for by the bureau
 * (feedback-runs.ts): the next judged queries asked again in the background,
 * with progress; the job queues itself again for the next chunk with its
 * claim (run-feedback-evaluation.ts; claimed once, so a second delivery does
 * nothing).
 */
export const evaluateFeedbackRunJob: JobDef<z.ZodObject<{ runId: z.ZodUUID; claim: z.ZodOptional<z.ZodUUID> }>> = defineJob({
  name: 'matching.evaluate_feedback',
  payload: z.object({ runId: z.uuid(), claim: z.uuid().optional() }),
  maxAttempts: 3,
  handler: async (payload, { db, log, now, heartbeat }) => {
    const outcome = await runFeedbackRun(db, payload, { now, heartbeat, log, next: evaluateFeedbackRunJob as unknown as JobDef });
    log.debug({ runId: payload.runId, outcome }, 'feedback evaluation chunk');
  },
});

/**
 * Every 2 minutes: a feedback run silent for longer than its stale time whose
 * job is gone gets a chunk job again; its claim ends it as stalled after
 * three resumes without progress (run-feedback-evaluation.ts), so no run
 * stays "running" until someone cancels it.
 */
export const sweepFeedbackRunsJob = defineJob({
  name: 'matching.sweep_feedback_runs',
  payload: z.object({}),
  handler: async (_payload, { db, log, now }) => {
    await sweepFeedbackRuns(db, { now: now(), next: evaluateFeedbackRunJob as unknown as JobDef, log });
  },
});

defineSchedule(sweepFeedbackRunsJob, 120, {});
