import { randomBytes } from 'node:crypto';
import type { Role, OrgType } from '../../shared/roles.js';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import type { Db } from '../../server/db/client.js';
import { organisations } from '../../server/modules/organisations/schema.js';
import { hashPassword } from '../../server/modules/identity/passwords.js';
import { setRoles } from '../../server/modules/identity/repository.js';
import { users } from '../../server/modules/identity/schema.js';

export const PASSWORD = 'Correct-Horse-9';

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

/** A valid unified social credit code, different on every call. */
export function makeCreditCode(): string {
  const digits = Array.from(randomBytes(8), (b) => String(b % 10)).join('');
  const first17 = `91620602${digits}X`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17)!;
}

export async function createOrg(
  db: Db,
  o: { type?: OrgType; name?: string; status?: 'pending' | 'verified' | 'rejected'; parentId?: string } = {},
) {
  const [org] = await db
    .insert(organisations)
    .values({
      type: o.type ?? 'enterprise',
      name: o.name ?? `测试企业${uniq()}`,
      creditCode: (o.type ?? 'enterprise') === 'gov_department' ? null : makeCreditCode(),
      verificationStatus: o.status ?? 'verified',
      parentId: o.parentId ?? null,
    })
    .returning();
  return org!;
}

const hashCache = new Map<string, Promise<string>>();

export async function createUser(
  db: Db,
  u: { roles: Role[]; organisationId?: string | null; password?: string; username?: string; email?: string; mustChangePassword?: boolean; status?: 'active' | 'disabled' },
) {
  const password = u.password ?? PASSWORD;
  if (!hashCache.has(password)) hashCache.set(password, hashPassword(password));
  const username = u.username ?? `u${uniq()}`;
  const [user] = await db
    .insert(users)
    .values({
      username,
      displayName: `用户 ${username}`,
      email: u.email ?? `${username}@example.test`,
      passwordHash: await hashCache.get(password)!,
      organisationId: u.organisationId ?? null,
      mustChangePassword: u.mustChangePassword ?? false,
      status: u.status ?? 'active',
    })
    .returning();
  await setRoles(db, user!.id, u.roles);
  return { ...user!, password, roles: u.roles };
}

/**
 * A service institution for innovation-voucher tests: a verified organisation
 * with a published registry entry and, optionally, listed services (fen).
 */
export async function createVoucherProvider(
  db: Db,
  o: { name?: string; types?: string[]; services?: { category: string; name: string; priceFen: number | null }[]; contact?: { name?: string; phone?: string; email?: string } } = {},
) {
  const { institutions, institutionServices } = await import('../../server/modules/registries/schema.js');
  const org = await createOrg(db, { type: 'service_institution', name: o.name });
  const [inst] = await db
    .insert(institutions)
    .values({
      organisationId: org.id,
      name: org.name,
      types: o.types ?? ['testing', 'consulting'],
      status: 'published',
      publishedAt: new Date(),
      contactName: o.contact?.name ?? null,
      contactPhone: o.contact?.phone ?? null,
      contactEmail: o.contact?.email ?? null,
    })
    .returning();
  const services = o.services?.length
    ? await db.insert(institutionServices).values(o.services.map((s) => ({ institutionId: inst!.id, category: s.category, name: s.name, priceFen: s.priceFen }))).returning()
    : [];
  return { org, institution: inst!, services };
}
