import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RegisterBody } from '../../../shared/contracts/identity.js';
import { creditCodeProblem, type CreditCodeProblem, normaliseCreditCode } from '../../../shared/credit-code.js';
import { type OrgType, type Role, SELF_REGISTERING_ORG_TYPES } from '../../../shared/roles.js';
import type { Actor } from '../../core/access.js';
import { AppError } from '../../core/errors.js';
import { enqueue } from '../../core/jobs/queue.js';
import type { Tx } from '../../db/client.js';
import { diff, recordAudit } from '../audit/record-audit.js';
import { actorAs } from '../identity/login.js';
import { assertPasswordPolicy } from '../identity/passwords.js';
import { loadUser, type UserWithContext } from '../identity/repository.js';
import { users } from '../identity/schema.js';
import { createSession, type SessionRow } from '../identity/sessions.js';
import { accountConflicts, createAccount, isUniqueViolation } from '../users/create-account.js';
import { notifyOrganisationEvent } from './jobs.js';
import { findByCreditCode } from './repository.js';
import { organisations } from './schema.js';

type FieldProblem = { path: string; zh: string; en: string };

/** The member role the first administrator also gets, by the kind of organisation. */
export const MEMBER_ROLE_BY_TYPE: Partial<Record<OrgType, Role>> = {
  enterprise: 'enterprise_member',
  financial_institution: 'enterprise_member',
  maker_space: 'enterprise_member',
  university: 'researcher',
  research_institute: 'researcher',
  hospital: 'researcher',
  service_institution: 'service_member',
};

export const CREDIT_CODE_TEXT: Record<CreditCodeProblem, { zh: string; en: string }> = {
  length: { zh: '统一社会信用代码应为 18 位', en: 'The unified social credit code has 18 characters' },
  charset: {
    zh: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
    en: 'The unified social credit code uses digits and capital letters except I, O, S, V and Z',
  },
  check: { zh: '统一社会信用代码校验位不正确，请核对', en: 'The check character of the unified social credit code is wrong; please check the code' },
};

/** Field problem for a credit code, or null when it is well formed. */
export function creditCodeField(path: string, raw: string): FieldProblem | null {
  const problem = creditCodeProblem(raw);
  return problem ? { path, ...CREDIT_CODE_TEXT[problem] } : null;
}

export const CREDIT_CODE_TAKEN = { zh: '该统一社会信用代码已注册，请联系本单位管理员邀请您加入', en: 'This credit code is already registered; ask your organisation’s administrator to invite you' };

export type RegistrationResult = { user: UserWithContext; token: string; session: SessionRow; organisationId: string };

/**
 * Self-registration of an enterprise or institution with its first
 * administrator. The organisation starts pending (its members may sign in but
 * not act for it until a reviewer verifies it); the new administrator is
 * signed in; reviewers are told after commit.
 */
export async function registerOrganisation(tx: Tx, actor: Actor, input: z.output<typeof RegisterBody>, now: Date): Promise<RegistrationResult> {
  const { organisation: o, user: u } = input;
  const problems: FieldProblem[] = [];
  const memberRole = MEMBER_ROLE_BY_TYPE[o.type];
  if (!SELF_REGISTERING_ORG_TYPES.includes(o.type) || !memberRole) {
    problems.push({ path: 'organisation.type', zh: '政府部门由区科技局统一开设，不能自行注册', en: 'Government units are set up by the bureau and cannot register themselves' });
  }
  const codeProblem = creditCodeField('organisation.creditCode', o.creditCode);
  if (codeProblem) problems.push(codeProblem);
  try {
    assertPasswordPolicy(u.password, u.username, 'user.password');
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    problems.push(...(e.options.fields ?? []));
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });

  const creditCode = normaliseCreditCode(o.creditCode);
  const conflicts = await accountConflicts(tx, { username: u.username, email: u.email }, 'user.');
  if (await findByCreditCode(tx, creditCode)) conflicts.unshift({ path: 'organisation.creditCode', ...CREDIT_CODE_TAKEN });
  if (conflicts.length > 0) throw new AppError('CONFLICT', { fields: conflicts });

  const [org] = await tx
    .insert(organisations)
    .values({
      type: o.type,
      name: o.name,
      creditCode,
      regionCode: o.regionCode ?? null,
      address: o.address ?? null,
      contactName: u.displayName,
      contactPhone: u.phone ?? null,
      contactEmail: u.email,
      verificationStatus: 'pending',
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', { fields: [{ path: 'organisation.creditCode', ...CREDIT_CODE_TAKEN }] });
      throw e;
    });
  const created = await createAccount(
    tx,
    {
      username: u.username,
      displayName: u.displayName,
      email: u.email,
      phone: u.phone ?? null,
      password: u.password,
      checkPolicy: false, // checked above, together with the other fields
      mustChangePassword: false,
      organisationId: org!.id,
      roles: ['org_admin', memberRole!],
      now,
    },
    'user.',
  );
  await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, created.id));
  const user = (await loadUser(tx, { id: created.id }))!;
  const { token, session } = await createSession(tx, { userId: user.id, roles: user.roles, mfaPending: false, ip: actor.ip, userAgent: actor.userAgent, now });
  await enqueue(tx, notifyOrganisationEvent, { organisationId: org!.id, kind: 'organisation.registered', params: { organisationName: org!.name } }, { runAt: now });
  await recordAudit(tx, actorAs(actor, user), {
    action: 'organisation.register',
    entityType: 'organisation',
    entityId: org!.id,
    changes: {
      ...diff(null, { type: org!.type, name: org!.name, creditCode, verificationStatus: 'pending' }),
      adminUserId: { before: null, after: user.id },
      adminUsername: { before: null, after: user.username },
    },
  });
  return { user, token, session, organisationId: org!.id };
}
