/** Jobs of the files domain (registered by importing this file from server/jobs.ts). */
export {};
