import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

defineNotificationTemplates({
  'obligation.due_soon': (p) => ({
    zh: { title: '项目义务即将到期', body: `财政资金项目“${s(p, 'projectTitle')}”的“${s(p, 'obligationTitle')}”将于 ${s(p, 'dueDate')} 到期，请按时提交。` },
    en: { title: 'Project obligation due soon', body: `“${s(p, 'obligationTitle')}” of the funded project “${s(p, 'projectTitle')}” is due on ${s(p, 'dueDate')}; please submit it in time.` },
  }),
  'obligation.overdue': (p) => ({
    zh: { title: '项目义务已逾期', body: `财政资金项目“${s(p, 'projectTitle')}”的“${s(p, 'obligationTitle')}”应于 ${s(p, 'dueDate')} 前提交，现已逾期 ${s(p, 'daysOverdue')} 天，请尽快提交。` },
    en: { title: 'Project obligation overdue', body: `“${s(p, 'obligationTitle')}” of the funded project “${s(p, 'projectTitle')}” was due on ${s(p, 'dueDate')} and is ${s(p, 'daysOverdue')} day(s) overdue; please submit it as soon as possible.` },
  }),
  'obligation.submitted': (p) => ({
    zh: { title: '项目义务待审核', body: `“${s(p, 'organisationName')}”已就项目“${s(p, 'projectTitle')}”提交“${s(p, 'obligationTitle')}”，请审核。` },
    en: { title: 'Project obligation awaits review', body: `“${s(p, 'organisationName')}” submitted “${s(p, 'obligationTitle')}” for the project “${s(p, 'projectTitle')}”; please review it.` },
  }),
  'obligation.accepted': (p) => ({
    zh: { title: '项目义务已验收', body: `项目“${s(p, 'projectTitle')}”的“${s(p, 'obligationTitle')}”已通过科技局验收。` },
    en: { title: 'Project obligation accepted', body: `“${s(p, 'obligationTitle')}” of the project “${s(p, 'projectTitle')}” has been accepted by the bureau.` },
  }),
  'obligation.returned': (p) => ({
    zh: { title: '项目义务被退回', body: `项目“${s(p, 'projectTitle')}”的“${s(p, 'obligationTitle')}”被退回。说明：${s(p, 'note') || '无'}` },
    en: { title: 'Project obligation returned', body: `“${s(p, 'obligationTitle')}” of the project “${s(p, 'projectTitle')}” was returned. Note: ${s(p, 'note') || 'none'}` },
  }),
});
