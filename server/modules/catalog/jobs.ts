/** Jobs of the catalog domain (registered by importing this file from server/jobs.ts). */
export {};
