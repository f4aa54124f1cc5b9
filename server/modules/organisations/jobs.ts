/** Jobs of the organisations domain (registered by importing this file from server/jobs.ts). */
export {};
