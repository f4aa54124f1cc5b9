/** Jobs of the mail domain (registered by importing this file from server/jobs.ts). */
export {};
