import type { z } from 'zod';
import type { CreateCaseBody } from '../../../shared/contracts/matchmaking.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import { findListing, type ListingRow } from '../catalog/repository.js';
import { findOrganisation } from '../organisations/repository.js';
import { notify } from '../notifications/notify.js';
import { listOrgMembers } from '../users/repository.js';
import { caseLink } from './notices.js';
import { type CaseRow, findOpenCaseBetween, insertCase, insertEvent, lockPair } from './repository.js';

type Input = z.output<typeof CreateCaseBody>;

/** A published listing, or NOT_FOUND (drafts, withdrawn and unknown listings look alike). */
async function published(tx: Tx, kind: 'achievement' | 'demand', id: string | undefined): Promise<ListingRow | null> {
  if (!id) return null;
  const row = await findListing(tx, kind, id);
  if (!row || row.status !== 'published') throw new AppError('NOT_FOUND');
  return row;
}

const OWN = {
  achievementId: () => AppError.field('achievementId', '不能对本单位的成果表达对接意向', 'You cannot express interest in your own organisation’s achievement'),
  demandId: () => AppError.field('demandId', '不能对本单位的需求表达对接意向', 'You cannot express interest in your own organisation’s demand'),
  neither: () => AppError.field('demandId', '同时指定成果和需求时，其中一项须为本单位发布', 'When naming both an achievement and a demand, one of them must be your organisation’s'),
  both: () => AppError.field('demandId', '成果和需求都属于本单位，无需对接', 'Both listings are your organisation’s own'),
};

/**
 * Who the case is with: the owner of the listing that is not the caller's.
 * With both listings named, one must be the caller's own (an enterprise
 * offering its demand to an achievement's holder, or the reverse).
 */
function counterpartOf(orgId: string, achievement: ListingRow | null, demand: ListingRow | null): { counterpartOrgId: string; asked: ListingRow } {
  if (achievement && demand) {
    const ownA = achievement.organisationId === orgId;
    const ownD = demand.organisationId === orgId;
    if (ownA && ownD) throw OWN.both();
    if (!ownA && !ownD) throw OWN.neither();
    return ownA ? { counterpartOrgId: demand.organisationId, asked: demand } : { counterpartOrgId: achievement.organisationId, asked: achievement };
  }
  const only = (achievement ?? demand)!;
  if (only.organisationId === orgId) throw achievement ? OWN.achievementId() : OWN.demandId();
  return { counterpartOrgId: only.organisationId, asked: only };
}

/**
 * Express interest: open a case (status interest) between the caller's
 * VERIFIED organisation and the owner of the listing, with a first message,
 * and tell the other side (its administrators and the listing's author).
 * One open case per pair of organisations and listings: a second is a
 * CONFLICT naming the first.
 */
export async function openCase(tx: Tx, actor: Actor, input: Input, now: Date): Promise<CaseRow> {
  requireCan(actor, 'create', 'case', { organisationId: actor.organisationId });
  if (!actor.organisationId) throw new AppError('FORBIDDEN');
  const org = await findOrganisation(tx, actor.organisationId);
  if (org?.verificationStatus !== 'verified') throw new AppError('ORG_NOT_VERIFIED');

  const achievement = await published(tx, 'achievement', input.achievementId);
  const demand = await published(tx, 'demand', input.demandId);
  const { counterpartOrgId, asked } = counterpartOf(actor.organisationId, achievement, demand);

  const ids = { achievementId: achievement?.id ?? null, demandId: demand?.id ?? null };
  await lockPair(tx, [actor.organisationId, counterpartOrgId], ids.achievementId, ids.demandId);
  const existing = await findOpenCaseBetween(tx, [actor.organisationId, counterpartOrgId], ids.achievementId, ids.demandId);
  if (existing) {
    throw new AppError('CONFLICT', {
      message: {
        zh: `双方就该成果/需求已有进行中的对接（编号 ${existing.id}），请在原对接中继续。`,
        en: `An open case already exists between these organisations over these listings (case ${existing.id}); continue there.`,
      },
    });
  }

  const row = await insertCase(tx, {
    ...ids,
    initiatorOrgId: actor.organisationId,
    initiatorUserId: actor.userId,
    counterpartOrgId,
    origin: input.origin,
    status: 'interest',
    awaiting: 'counterpart',
    lastActivityAt: now,
    // The demand says what the enterprise's industry is; an achievement alone says what it serves.
    industrySection: demand?.industrySection ?? achievement?.industrySection ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await insertEvent(tx, { caseId: row.id, type: 'status', toStatus: 'interest', body: input.message, actorUserId: actor.userId, actorOrgId: actor.organisationId, now });

  const admins = (await listOrgMembers(tx, counterpartOrgId)).filter((m) => m.status === 'active' && m.roles.includes('org_admin')).map((m) => m.id);
  await notify(tx, {
    userIds: [...admins, ...(asked.createdBy ? [asked.createdBy] : [])],
    kind: 'case.interest',
    params: { caseId: row.id, organisationName: org.name, title: asked.title },
    link: caseLink(row.id),
  });
  await recordAudit(tx, actor, {
    action: 'case.open',
    entityType: 'match_case',
    entityId: row.id,
    changes: { status: { before: null, after: 'interest' }, counterpartOrgId, ...ids, origin: input.origin },
  });
  return row;
}
