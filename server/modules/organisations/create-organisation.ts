import { normaliseCreditCode } from '../../../shared/credit-code.js';
import { GOVERNMENT_ORG_TYPES, type OrgType } from '../../../shared/roles.js';
import { type Actor, requireCan } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { CREDIT_CODE_TAKEN, creditCodeField } from './register-organisation.js';
import { findByCode, findByCreditCode, findOrganisation, type OrganisationWithCount } from './repository.js';
import { organisations } from './schema.js';

export type CreateOrganisationInput = {
  type: OrgType;
  name: string;
  nameEn?: string;
  parentId?: string;
  code?: string;
  creditCode?: string;
  regionCode?: string;
};

/**
 * The bureau administrator creates an organisation: a government unit in the
 * tree of responsible units, or an enterprise or institution on its behalf.
 * Either starts verified, since the bureau itself vouches for it.
 */
export async function createOrganisation(tx: Tx, actor: Actor, input: CreateOrganisationInput, now: Date): Promise<OrganisationWithCount> {
  requireCan(actor, 'create', 'organisation', {});
  const government = GOVERNMENT_ORG_TYPES.includes(input.type);
  const problems: { path: string; zh: string; en: string }[] = [];
  if (input.parentId) {
    const parent = await findOrganisation(tx, input.parentId);
    if (!parent || !GOVERNMENT_ORG_TYPES.includes(parent.type as OrgType)) {
      problems.push({ path: 'parentId', zh: '上级单位必须是已有的政府单位', en: 'The parent must be an existing government unit' });
    }
  }
  if (input.creditCode) {
    const p = creditCodeField('creditCode', input.creditCode);
    if (p) problems.push(p);
  } else if (!government) {
    problems.push({ path: 'creditCode', zh: '企业和机构须填写统一社会信用代码', en: 'Enterprises and institutions need a unified social credit code' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });

  const creditCode = input.creditCode ? normaliseCreditCode(input.creditCode) : null;
  const conflicts: typeof problems = [];
  if (creditCode && (await findByCreditCode(tx, creditCode))) conflicts.push({ path: 'creditCode', ...CREDIT_CODE_TAKEN });
  if (input.code && (await findByCode(tx, input.code))) conflicts.push({ path: 'code', zh: '该单位代码已被使用', en: 'This unit code is taken' });
  if (conflicts.length > 0) throw new AppError('CONFLICT', { fields: conflicts });

  const [org] = await tx
    .insert(organisations)
    .values({
      type: input.type,
      name: input.name,
      nameEn: input.nameEn ?? null,
      parentId: input.parentId ?? null,
      code: input.code ?? null,
      creditCode,
      regionCode: input.regionCode ?? null,
      verificationStatus: 'verified',
      verifiedAt: now,
      verifiedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: org!.id,
    changes: diff(null, { type: org!.type, name: org!.name, parentId: org!.parentId, code: org!.code, creditCode, verificationStatus: 'verified' }),
  });
  return { ...org!, memberCount: 0 };
}
