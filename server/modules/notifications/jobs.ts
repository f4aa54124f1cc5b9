/** Jobs of the notifications domain (registered by importing this file from server/jobs.ts). */
export {};
