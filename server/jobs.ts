/** Importing this registers every job and schedule the worker can run. */
import './modules/identity/jobs.js';
import './modules/organisations/jobs.js';
import './modules/audit/jobs.js';
import './modules/notifications/jobs.js';
import './modules/mail/jobs.js';
import './modules/files/jobs.js';
import './modules/catalog/jobs.js';
import './modules/catalog/search/jobs.js';
import './modules/imports/jobs.js';
import './modules/projects/jobs.js';
import './modules/matchmaking/jobs.js';
import './modules/registries/jobs.js';
import './modules/trading/jobs.js';
import './modules/matching/jobs.js';
import './modules/plans/jobs.js';
import './modules/contracts/jobs.js';
import './modules/vouchers/jobs.js';
