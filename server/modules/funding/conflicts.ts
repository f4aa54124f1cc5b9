import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { findOrganisation } from '../organisations/repository.js';
import type { ApplicationRow, ExpertRow } from './repository.js';
import { experts, fundingAssignments } from './schema.js';

export type Reason = { zh: string; en: string };

/**
 * Why an expert may not review an application, or null: inactive; works at
 * the applicant; works at a collaborating organisation (by record or by the
 * unit's name among the named collaborators); is a named collaborator.
 */
export function conflictOf(e: ExpertRow, a: ApplicationRow, applicantName: string, collaboratorOrgNames: readonly string[]): Reason | null {
  const partyOrgs = new Set(a.collaboratorOrgIds);
  const partyNames = new Set([...a.collaboratorNames, ...collaboratorOrgNames].map((n) => n.trim()));
  const unit = e.unit.trim();
  if (!e.active) return { zh: '专家已停用', en: 'The expert is inactive' };
  if ((e.unitOrgId && e.unitOrgId === a.organisationId) || unit === applicantName.trim()) return { zh: `与申报单位同单位（${e.unit}）`, en: `Same unit as the applicant (${e.unit})` };
  if ((e.unitOrgId && partyOrgs.has(e.unitOrgId)) || partyNames.has(unit)) return { zh: `所在单位“${e.unit}”为申报项目合作方`, en: `The expert’s unit “${e.unit}” collaborates on the application` };
  if (partyNames.has(e.name.trim())) return { zh: '专家本人为申报项目合作者', en: 'The expert is a collaborator on the application' };
  return null;
}

/** Names of the applicant and its collaborating organisations. */
export async function partiesOf(db: DbOrTx, a: ApplicationRow): Promise<{ applicantName: string; collaboratorOrgNames: string[] }> {
  const applicant = await findOrganisation(db, a.organisationId);
  const names: string[] = [];
  for (const id of a.collaboratorOrgIds) {
    const o = await findOrganisation(db, id);
    if (o) names.push(o.name);
  }
  return { applicantName: applicant?.name ?? '', collaboratorOrgNames: names };
}

/** Every expert in the registry with the conflict (if any) that excludes them from this application, and whether already assigned. */
export async function conflictTable(db: DbOrTx, a: ApplicationRow, locale: string) {
  const rows = await db.select().from(experts).orderBy(experts.name);
  const assigned = new Set((await db.select({ id: fundingAssignments.expertId }).from(fundingAssignments).where(eq(fundingAssignments.applicationId, a.id))).map((r) => r.id));
  const parties = await partiesOf(db, a);
  return rows.map((e) => {
    const c = conflictOf(e, a, parties.applicantName, parties.collaboratorOrgNames);
    return { expertId: e.id, name: e.name, field: e.field, title: e.title, unit: e.unit, active: !!e.active, assigned: assigned.has(e.id), conflict: c ? (locale === 'en' ? c.en : c.zh) : null };
  });
}

export async function expertsByIds(db: DbOrTx, ids: readonly string[]): Promise<ExpertRow[]> {
  return ids.length ? db.select().from(experts).where(inArray(experts.id, [...ids])) : [];
}
