/** Jobs of the projects domain (registered by importing this file from server/jobs.ts). */
export {};
