/** Jobs of the imports domain (registered by importing this file from server/jobs.ts). */
export {};
