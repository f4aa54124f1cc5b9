import { z } from 'zod';
import { defineJob } from '../../core/jobs/queue.js';
import { runCommit } from './run-commit.js';
import { runValidation } from './run-validation.js';

/** Jobs of the imports domain (registered by importing this file from server/jobs.ts). */

/** Validate every row of a new batch and store the report. */
export const validateImportJob = defineJob({
  name: 'imports.validate',
  payload: z.object({ batchId: z.uuid() }),
  maxAttempts: 3,
  handler: async ({ batchId }, ctx) => runValidation(ctx.db, batchId, ctx.now()),
});

/** Insert a committed batch's rows in one transaction. */
export const commitImportJob = defineJob({
  name: 'imports.commit',
  payload: z.object({ batchId: z.uuid() }),
  maxAttempts: 3,
  handler: async ({ batchId }, ctx) => runCommit(ctx.db, batchId, ctx.now()),
});
