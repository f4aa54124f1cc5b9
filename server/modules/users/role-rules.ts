import type { Role } from '../../../shared/roles.js';
import type { Actor } from '../../core/access.js';

type FieldProblem = { path: string; zh: string; en: string };

/**
 * Separation of duties on an account's roles:
 *  - nobody holds both sys_admin and auditor (the auditor checks the administrator);
 *  - a sys_admin cannot make themselves auditor, nor drop their own sys_admin role
 *    (that is how the last administrator would lock everyone out);
 *  - an org_admin administers an organisation, so needs one.
 */
export function roleProblems(
  actor: Actor,
  target: { id: string | null; roles: readonly Role[] },
  next: { roles: readonly Role[]; organisationId: string | null },
): FieldProblem[] {
  const out: FieldProblem[] = [];
  const has = (r: Role) => next.roles.includes(r);
  if (has('sys_admin') && has('auditor')) {
    out.push({ path: 'roles', zh: '系统管理员与审计员角色不能由同一账号兼任', en: 'One account cannot be both system administrator and auditor' });
  } else if (target.id === actor.userId && has('auditor') && !target.roles.includes('auditor')) {
    out.push({ path: 'roles', zh: '不能给自己授予审计员角色', en: 'You cannot give yourself the auditor role' });
  }
  if (target.id === actor.userId && target.roles.includes('sys_admin') && !has('sys_admin')) {
    out.push({ path: 'roles', zh: '不能撤销自己的系统管理员角色', en: 'You cannot remove your own system administrator role' });
  }
  if (has('org_admin') && !next.organisationId) {
    out.push({ path: 'organisationId', zh: '机构管理员必须属于一个机构', en: 'An organisation administrator needs an organisation' });
  }
  return out;
}
