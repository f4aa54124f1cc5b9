import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL tsvector; written from tokens computed in TypeScript (see server/modules/search). */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** Raw bytes (files stored in the database). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});
