/** Search jobs (re-indexing, rebuilds). */
export { reindexListingJob } from './index-listing.js';
