import { eq } from 'drizzle-orm';
import type { ListingKind } from '../../shared/contracts/catalog-content.js';
import { type Actor, systemActor } from '../core/access.js';
import type { Db } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { recordAudit } from '../modules/audit/record-audit.js';
import { submissionProblems } from '../modules/catalog/validate-content.js';
import { generateOneTimePassword } from '../modules/identity/passwords.js';
import { users } from '../modules/identity/schema.js';
import { insertListings } from '../modules/imports/insert-listings.js';
import { existingExternalIds } from '../modules/imports/repository.js';
import { createOrganisation } from '../modules/organisations/create-organisation.js';
import { findByCreditCode } from '../modules/organisations/repository.js';
import { createAccount } from '../modules/users/create-account.js';
import { loadDemoVillages } from '../modules/commissioners/demo.js';
import { loadDemoFinance } from '../modules/finance/demo.js';
import { loadDemoPlatforms } from '../modules/registries/demo.js';
import { demoAchievements } from './achievements.js';
import { demoDemands } from './demands.js';
import { DEMO_ORGS, DEMO_REVIEWER } from './organisations.js';

export type DemoResult = {
  organisationsCreated: number;
  usersCreated: string[];
  /** The password of the users created in this run (shown once), or null when none was created. */
  password: string | null;
  achievementsCreated: number;
  demandsCreated: number;
};

/**
 * Load the demo organisations, users, achievements and demands. Idempotent:
 * organisations are found by credit code, users by username, listings by
 * their `demo-…` external ids; a second run adds nothing. Listings go through
 * the import's insert path (published, re-indexed after commit).
 */
export async function loadDemo(db: Db, now: Date): Promise<DemoResult> {
  // The demo acts with the bureau's rights (it creates organisations on its behalf).
  const bureau: Actor = { ...systemActor('demo'), roles: ['bureau_admin'], userAgent: 'chengguo-demo' };
  const password = `${generateOneTimePassword()}`;
  const result: DemoResult = { organisationsCreated: 0, usersCreated: [], password: null, achievementsCreated: 0, demandsCreated: 0 };

  return withTx(db, async (tx) => {
    const orgs = new Map<string, { id: string; name: string; userId: string | null }>();
    for (const o of DEMO_ORGS) {
      let org = await findByCreditCode(tx, o.creditCode);
      if (!org) {
        org = await createOrganisation(tx, bureau, { type: o.type, name: o.name, creditCode: o.creditCode, regionCode: '620602' }, now);
        result.organisationsCreated++;
      }
      let [user] = await tx.select().from(users).where(eq(users.username, o.username));
      if (!user) {
        user = await createAccount(tx, {
          username: o.username, displayName: o.name.replace(/（演示）$/, ''), email: `${o.username}@demo.invalid`, password,
          checkPolicy: false, mustChangePassword: false, organisationId: org.id, roles: o.roles, now,
        });
        result.usersCreated.push(o.username);
      }
      orgs.set(o.key, { id: org.id, name: org.name, userId: user.organisationId === org.id ? user.id : null });
    }
    const [reviewer] = await tx.select().from(users).where(eq(users.username, DEMO_REVIEWER.username));
    if (!reviewer) {
      await createAccount(tx, {
        username: DEMO_REVIEWER.username, displayName: '演示审核员', email: `${DEMO_REVIEWER.username}@demo.invalid`, password,
        checkPolicy: false, mustChangePassword: false, organisationId: null, roles: DEMO_REVIEWER.roles, now,
      });
      result.usersCreated.push(DEMO_REVIEWER.username);
    }

    const add = async (kind: ListingKind, rows: { externalId: string; orgKey: string; content: unknown }[]) => {
      const existing = await existingExternalIds(tx, kind, rows.map((r) => r.externalId));
      let n = 0;
      for (const r of rows.filter((x) => !existing.has(x.externalId))) {
        const checked = submissionProblems(kind, r.content, now);
        if (!checked.ok) throw new Error(`demo ${r.externalId} is invalid: ${checked.fields.map((f) => `${f.path} ${f.en}`).join('; ')}`);
        const org = orgs.get(r.orgKey)!;
        const owner: Actor = { ...bureau, userId: org.userId, organisationId: org.id };
        n += (await insertListings(tx, owner, { kind, organisationId: org.id, target: 'published', rows: [{ externalId: r.externalId, content: checked.content }], now })).length;
      }
      return n;
    };
    result.achievementsCreated = await add('achievement', demoAchievements((key) => orgs.get(key)!.name));
    result.demandsCreated = await add('demand', demoDemands());
    // Villages for the commissioner pages (an invented set; see server/modules/commissioners/demo.ts).
    await loadDemoVillages(tx, now);
    // S&T finance records (invented; see server/modules/finance/demo.ts).
    await loadDemoFinance(tx, bureau, (key) => orgs.get(key), now);
    // Innovation platforms, published (invented; see server/modules/registries/demo.ts).
    await loadDemoPlatforms(tx, bureau, (key) => orgs.get(key), now);
    if (result.usersCreated.length > 0) result.password = password;
    await recordAudit(tx, bureau, {
      action: 'demo.load',
      entityType: 'system',
      changes: { organisations: result.organisationsCreated, users: result.usersCreated, achievements: result.achievementsCreated, demands: result.demandsCreated },
    });
    return result;
  });
}
