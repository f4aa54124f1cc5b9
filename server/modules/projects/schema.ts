import { bigint, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { achievements } from '../catalog/schema.js';
import { files } from '../files/schema.js';
import { users } from '../identity/schema.js';
import { organisations } from '../organisations/schema.js';

/** S&T projects funded with government money, whose units owe achievements and S&T reports. */
export const fundedProjects = pgTable(
  'funded_projects',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 计划类别, e.g. 区级科技计划 */
    programme: text().notNull(),
    projectNo: text().notNull(),
    title: text().notNull(),
    undertakingOrgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    startDate: date().notNull(),
    endDate: date().notNull(),
    amountFen: bigint({ mode: 'number' }).notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.programme, t.projectNo), index().on(t.undertakingOrgId)],
);

/**
 * What a funded project owes: an achievement registration or a 科技报告
 * (GB/T 15416 report number) by a due date.
 */
export const projectObligations = pgTable(
  'project_obligations',
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => fundedProjects.id, { onDelete: 'cascade' }),
    /** achievement | report */
    kind: text().notNull(),
    title: text().notNull(),
    dueDate: date().notNull(),
    /** pending | submitted | accepted | returned */
    status: text().notNull().default('pending'),
    reportNumber: text(),
    achievementId: uuid().references(() => achievements.id, { onDelete: 'set null' }),
    fileId: uuid().references(() => files.id, { onDelete: 'set null' }),
    submittedAt: timestamp({ withTimezone: true }),
    submittedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    reviewNote: text(),
    lastRemindedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.projectId), index().on(t.status, t.dueDate)],
);
