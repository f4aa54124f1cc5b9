/** Search jobs (re-indexing, rebuilds). */
export { reindexListingJob } from './index-listing.js';
export { rebuildIndexJob } from './rebuild-index.js';
