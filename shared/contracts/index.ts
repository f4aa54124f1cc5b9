export * as identity from './identity.js';
export * as organisations from './organisations.js';
export * as users from './users.js';
export * as audit from './audit.js';
export * as notifications from './notifications.js';
export * as system from './system.js';
export * from './endpoint.js';
export * as projects from './projects.js';
