import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { institutionServices, institutions } from './schema.js';

/**
 * Read-only lookups other domains (innovation vouchers, trading) use. Keep
 * these signatures stable; they are the registries' public surface.
 */

export const INSTITUTION_TYPES = ['trading', 'evaluation', 'financing', 'consulting', 'legal', 'ip_agency', 'testing'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export interface InstitutionOfOrganisation {
  id: string;
  organisationId: string;
  name: string;
  types: string[];
  /** none | municipal | provincial | national */
  recognitionLevel: string;
  /** draft | submitted | returned | published | withdrawn */
  status: string;
  /** True when the entry is published (approved by the bureau) and not withdrawn. */
  approved: boolean;
  /** Certificate validity (ISO date) when recognised. */
  validUntil: string | null;
}

/** The service institution registered by an organisation, or null when it has none. */
export async function institutionOfOrganisation(db: DbOrTx, orgId: string): Promise<InstitutionOfOrganisation | null> {
  const [row] = await db
    .select({
      id: institutions.id,
      organisationId: institutions.organisationId,
      name: institutions.name,
      types: institutions.types,
      recognitionLevel: institutions.recognitionLevel,
      status: institutions.status,
      validUntil: institutions.validUntil,
    })
    .from(institutions)
    .where(eq(institutions.organisationId, orgId))
    .limit(1);
  if (!row) return null;
  return { ...row, approved: row.status === 'published' };
}

export interface ListedServicePrice {
  serviceId: string;
  institutionId: string;
  organisationId: string;
  category: string;
  name: string;
  /** List price in integer fen (safe as a number below 2^53 fen); null = 面议 (negotiable). */
  priceFen: number | null;
  unit: string;
  active: boolean;
  /** The institution is published and the service active: it may be bought (e.g. with a voucher). */
  listed: boolean;
}

/** A service's list price with its institution, or null when there is no such service. */
export async function listedServicePrice(db: DbOrTx, serviceId: string): Promise<ListedServicePrice | null> {
  const [row] = await db
    .select({
      serviceId: institutionServices.id,
      institutionId: institutionServices.institutionId,
      organisationId: institutions.organisationId,
      category: institutionServices.category,
      name: institutionServices.name,
      priceFen: institutionServices.priceFen,
      unit: institutionServices.unit,
      active: institutionServices.active,
      status: institutions.status,
    })
    .from(institutionServices)
    .innerJoin(institutions, eq(institutions.id, institutionServices.institutionId))
    .where(and(eq(institutionServices.id, serviceId)))
    .limit(1);
  if (!row) return null;
  const { status, ...rest } = row;
  return { ...rest, priceFen: row.priceFen === null ? null : Number(row.priceFen), listed: row.active && status === 'published' };
}

/**
 * Published service institutions of type financing (投融资), by name: the
 * finance register's picker and its check of a linked institution.
 */
export async function financingInstitutions(db: DbOrTx, id?: string): Promise<{ id: string; name: string }[]> {
  const conds = [eq(institutions.status, 'published'), arrayContains(institutions.types, ['financing'])];
  if (id) conds.push(eq(institutions.id, id));
  return db.select({ id: institutions.id, name: institutions.name }).from(institutions).where(and(...conds)).orderBy(asc(institutions.name)).limit(500);
}
