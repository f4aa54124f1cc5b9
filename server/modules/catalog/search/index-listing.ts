import { z } from 'zod';
import { defineJob } from '../../../core/jobs/queue.js';

/**
 * Recompute a listing's search vector after it was published or changed.
 * Enqueue it in the transaction that changed the listing: it runs after commit.
 */
export const reindexListingJob = defineJob({
  name: 'catalog.reindex_listing',
  payload: z.object({ kind: z.enum(['achievement', 'demand']), id: z.uuid() }),
  handler: async () => {
    // Filled in by the search part of the catalog.
  },
});
