import { and, eq, gte, isNotNull, lte, or, isNull, lt, sql } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { activeUserIdsWithRole } from '../identity/find-users.js';
import { users } from '../identity/schema.js';
import { notify } from '../notifications/notify.js';
import { districtDate } from './dates.js';
import { EXPIRY_WARNING_DAYS } from './present.js';
import { institutions } from './schema.js';

/**
 * Warns the members of a published institution and the bureau's reviewers
 * when its recognition certificate expires within EXPIRY_WARNING_DAYS. Once
 * per certificate period: `expiryWarnedAt` is set, and cleared only by a new
 * validity date (an approved change writes the column again, see below).
 */
export async function warnExpiringCertificates(db: Db, now: Date): Promise<number> {
  const today = districtDate(now);
  const limit = districtDate(new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000));
  const due = await db
    .select({ id: institutions.id, name: institutions.name, organisationId: institutions.organisationId, validUntil: institutions.validUntil })
    .from(institutions)
    .where(
      and(
        eq(institutions.status, 'published'),
        isNotNull(institutions.validUntil),
        gte(institutions.validUntil, today),
        lte(institutions.validUntil, limit),
        or(isNull(institutions.expiryWarnedAt), lt(institutions.expiryWarnedAt, sql`(${institutions.validUntil} - ${EXPIRY_WARNING_DAYS + 1} * interval '1 day')`)),
      ),
    );
  for (const inst of due) {
    await withTx(db, async (tx) => {
      const members = await tx.select({ id: users.id }).from(users).where(and(eq(users.organisationId, inst.organisationId), eq(users.status, 'active')));
      const reviewers = await activeUserIdsWithRole(tx, 'reviewer');
      await notify(tx, {
        userIds: [...members.map((m) => m.id), ...reviewers],
        kind: 'registry.certificate_expiring',
        params: { name: inst.name, validUntil: inst.validUntil },
        link: `/directory/institutions/${inst.id}`,
      });
      await tx.update(institutions).set({ expiryWarnedAt: now }).where(eq(institutions.id, inst.id));
      await recordAudit(tx, systemActor(), { action: 'institution.certificate_warning', entityType: 'institution', entityId: inst.id, changes: { validUntil: inst.validUntil } });
    });
  }
  return due.length;
}
