import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

const KIND_ZH: Record<string, string> = { missing_report: '进度报告未报送', overdue_milestone: '里程碑逾期未完成' };
const KIND_EN: Record<string, string> = { missing_report: 'progress report not submitted', overdue_milestone: 'milestone overdue' };

/** What is being supervised, in each language: "任务（七）… 2026-Q2 进度报告未报送". */
const what = (p: Record<string, unknown>, lang: 'zh' | 'en') =>
  lang === 'zh'
    ? `任务${s(p, 'taskNumber')}“${s(p, 'taskTitle')}”${s(p, 'period') ? ` ${s(p, 'period')} ` : ''}${s(p, 'milestone') ? `里程碑“${s(p, 'milestone')}”` : ''}${KIND_ZH[s(p, 'kind')] ?? ''}`
    : `task ${s(p, 'taskNumber')} “${s(p, 'taskTitle')}”${s(p, 'period') ? ` ${s(p, 'period')}` : ''}${s(p, 'milestone') ? ` milestone “${s(p, 'milestone')}”` : ''}: ${KIND_EN[s(p, 'kind')] ?? ''}`;

defineNotificationTemplates({
  'plan_report.submitted': (p) => ({
    zh: { title: '方案进度报告待审核', body: `“${s(p, 'organisationName')}”已报送任务${s(p, 'taskNumber')}“${s(p, 'taskTitle')}” ${s(p, 'period')} 的进度报告，请审核。` },
    en: { title: 'Progress report awaits review', body: `“${s(p, 'organisationName')}” reported on task ${s(p, 'taskNumber')} “${s(p, 'taskTitle')}” for ${s(p, 'period')}; please review it.` },
  }),
  'plan_report.accepted': (p) => ({
    zh: { title: '进度报告已通过', body: `任务${s(p, 'taskNumber')}“${s(p, 'taskTitle')}” ${s(p, 'period')} 的进度报告已被科技局采纳。` },
    en: { title: 'Progress report accepted', body: `The progress report on task ${s(p, 'taskNumber')} “${s(p, 'taskTitle')}” for ${s(p, 'period')} has been accepted by the bureau.` },
  }),
  'plan_report.returned': (p) => ({
    zh: { title: '进度报告被退回', body: `任务${s(p, 'taskNumber')}“${s(p, 'taskTitle')}” ${s(p, 'period')} 的进度报告被退回，请修改后重新报送。说明：${s(p, 'note') || '无'}` },
    en: { title: 'Progress report returned', body: `The progress report on task ${s(p, 'taskNumber')} “${s(p, 'taskTitle')}” for ${s(p, 'period')} was returned; please revise and submit it again. Note: ${s(p, 'note') || 'none'}` },
  }),
  'plan.supervision_1': (p) => ({
    zh: { title: '【督办提醒】请尽快报送', body: `${what(p, 'zh')}，已逾期 ${s(p, 'daysOverdue')} 天（应于 ${s(p, 'dueDate')} 前完成），请尽快登录平台办理。` },
    en: { title: 'Supervision reminder', body: `For ${s(p, 'organisationName')}, ${what(p, 'en')}, ${s(p, 'daysOverdue')} day(s) overdue (due ${s(p, 'dueDate')}); please act on the platform as soon as possible.` },
  }),
  'plan.supervision_2': (p) => ({
    zh: { title: '【督办升级】单位逾期未办', body: `“${s(p, 'organisationName')}”${what(p, 'zh')}，已逾期 ${s(p, 'daysOverdue')} 天，督办已升级，请单位负责人督促办理。` },
    en: { title: 'Supervision escalated', body: `“${s(p, 'organisationName')}”: ${what(p, 'en')}, ${s(p, 'daysOverdue')} day(s) overdue. Escalated to the unit's administrators and the bureau.` },
  }),
  'plan.supervision_3': (p) => ({
    zh: { title: '【督办】已报区政府', body: `“${s(p, 'organisationName')}”${what(p, 'zh')}，已逾期 ${s(p, 'daysOverdue')} 天，已列入报区政府督办事项。` },
    en: { title: 'Supervision: flagged for the district government', body: `“${s(p, 'organisationName')}”: ${what(p, 'en')}, ${s(p, 'daysOverdue')} day(s) overdue; flagged for the district government.` },
  }),
});
