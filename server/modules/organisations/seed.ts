import { eq, sql } from 'drizzle-orm';
import { systemActor } from '../../core/access.js';
import type { Db } from '../../db/client.js';
import { withTx } from '../../db/tx.js';
import { recordAudit } from '../audit/record-audit.js';
import { loadDistrict } from './district-config.js';
import { organisations } from './schema.js';

/**
 * Load the district's government and its responsible units on first start.
 * Units are matched by code, so a later start adds new units from the file
 * and never overwrites what administrators changed in the console.
 */
export async function seedDefaults(db: Db): Promise<number> {
  const district = loadDistrict();
  return withTx(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7301003)`);
    let [root] = await tx.select().from(organisations).where(eq(organisations.code, district.district.code));
    let added = 0;
    if (!root) {
      [root] = await tx
        .insert(organisations)
        .values({
          code: district.district.code,
          type: 'district_government',
          name: district.district.name,
          nameEn: district.district.nameEn,
          regionCode: district.district.regionCode,
          verificationStatus: 'verified',
          verifiedAt: new Date(),
        })
        .returning();
      added++;
    }
    const inserted = await tx
      .insert(organisations)
      .values(
        district.units.map((u) => ({
          code: u.code,
          parentId: root!.id,
          type: u.type,
          name: u.name,
          nameEn: u.nameEn ?? null,
          regionCode: district.district.regionCode,
          sortOrder: u.sortOrder,
          verificationStatus: 'verified',
          verifiedAt: new Date(),
        })),
      )
      .onConflictDoNothing({ target: organisations.code })
      .returning({ id: organisations.id });
    added += inserted.length;
    if (added > 0) {
      await recordAudit(tx, systemActor(), {
        action: 'config.load_organisations',
        entityType: 'organisation',
        entityId: root!.id,
        changes: { district: { before: null, after: district.district.code }, unitsAdded: { before: 0, after: added } },
      });
    }
    return added;
  });
}
