/** Jobs of the audit domain (registered by importing this file from server/jobs.ts). */
export {};
