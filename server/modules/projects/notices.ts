import type { Locale } from '../../../shared/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { listOrgMembers } from '../users/repository.js';

/** Who hears about an undertaking unit's obligations: its active organisation administrators. */
export async function unitAdmins(db: DbOrTx, organisationId: string): Promise<{ id: string; email: string | null; locale: Locale }[]> {
  const members = await listOrgMembers(db, organisationId);
  return members
    .filter((m) => m.status === 'active' && m.roles.includes('org_admin'))
    .map((m) => ({ id: m.id, email: m.email, locale: m.locale === 'en' ? 'en' : 'zh-CN' }));
}

/** In-app link of a project in the unit's console. */
export function projectLink(projectId: string): string {
  return `/console/projects/${projectId}`;
}

export type ReminderParams = { projectTitle: string; obligationTitle: string; dueDate: string; daysOverdue: number };

/**
 * The reminder e-mail in the reader's language. The in-app wording of the same
 * kinds lives in notifications/templates.ts.
 */
export function reminderMail(kind: 'obligation.due_soon' | 'obligation.overdue', p: ReminderParams, locale: Locale): { subject: string; bodyText: string } {
  if (locale === 'en') {
    return kind === 'obligation.overdue'
      ? {
          subject: `Overdue: ${p.obligationTitle}`,
          bodyText: `“${p.obligationTitle}” of the funded project “${p.projectTitle}” was due on ${p.dueDate} and is ${p.daysOverdue} day(s) overdue. Please submit it on the platform as soon as possible.`,
        }
      : {
          subject: `Due on ${p.dueDate}: ${p.obligationTitle}`,
          bodyText: `“${p.obligationTitle}” of the funded project “${p.projectTitle}” is due on ${p.dueDate}. Please submit it on the platform in time.`,
        };
  }
  return kind === 'obligation.overdue'
    ? {
        subject: `【逾期提醒】${p.obligationTitle}`,
        bodyText: `财政资金项目“${p.projectTitle}”的“${p.obligationTitle}”应于 ${p.dueDate} 前提交，现已逾期 ${p.daysOverdue} 天，请尽快登录平台提交。`,
      }
    : {
        subject: `【到期提醒】${p.obligationTitle}（${p.dueDate} 到期）`,
        bodyText: `财政资金项目“${p.projectTitle}”的“${p.obligationTitle}”将于 ${p.dueDate} 到期，请按时登录平台提交。`,
      };
}
