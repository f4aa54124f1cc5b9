/** Importing this registers every job and schedule the worker can run. */
import './modules/identity/jobs.js';
import './modules/organisations/jobs.js';
import './modules/audit/jobs.js';
import './modules/notifications/jobs.js';
import './modules/mail/jobs.js';
