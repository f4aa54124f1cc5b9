import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Government units form a tree (district → departments, townships, parks). */
    parentId: uuid().references((): AnyPgColumn => organisations.id, { onDelete: 'restrict' }),
    /** Stable key for seeded units (e.g. "kejiju"), so a plan file can name them. */
    code: text().unique(),
    type: text().notNull(),
    name: text().notNull(),
    nameEn: text(),
    /** 统一社会信用代码 (GB 32100), unique when present. */
    creditCode: text().unique(),
    /** GB/T 2260 region code. */
    regionCode: text(),
    address: text(),
    contactName: text(),
    contactPhone: text(),
    contactEmail: text(),
    verificationStatus: text().notNull().default('pending'),
    verificationNote: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    verifiedBy: uuid(),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.parentId),
    index().on(t.type),
    index().on(t.verificationStatus),
    index('organisations_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);
