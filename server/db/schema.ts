/** All tables, for drizzle-kit and the typed query builder. Each domain owns its file. */
export * from '../modules/organisations/schema.js';
export * from '../modules/identity/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/notifications/schema.js';
export * from '../modules/mail/schema.js';
export * from '../modules/system/schema.js';
export * from '../core/jobs/schema.js';
export * from '../modules/files/schema.js';
export * from '../modules/catalog/schema.js';
export * from '../modules/imports/schema.js';
export * from '../modules/projects/schema.js';
export * from '../modules/matchmaking/schema.js';
export * from '../modules/plans/schema.js';
export * from '../modules/registries/schema.js';
export * from '../modules/contracts/schema.js';
export * from '../modules/vouchers/schema.js';
export * from '../modules/trading/schema.js';
