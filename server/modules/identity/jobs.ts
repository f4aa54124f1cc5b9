/** Jobs of the identity domain (registered by importing this file from server/jobs.ts). */
export {};
