import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

/** Funding programmes' notifications (zh-CN and en); amounts arrive as yuan strings, times as district time. */
defineNotificationTemplates({
  'funding.application_received': (p) => ({
    zh: { title: '收到资助项目申报', body: `“${s(p, 'call')}”收到申报“${s(p, 'title')}”（${s(p, 'organisation')}）${s(p, 'status') === 'ineligible' ? '，自动资格审查未通过' : '，等待形式审查'}。` },
    en: { title: 'Funding application received', body: `“${s(p, 'call')}” received “${s(p, 'title')}” from ${s(p, 'organisation')}${s(p, 'status') === 'ineligible' ? '; it failed the automatic eligibility checks' : '; it awaits formal review'}.` },
  }),
  'funding.formal_passed': (p) => ({
    zh: { title: '申报已通过形式审查', body: `您的申报“${s(p, 'title')}”已通过形式审查，进入专家评审。` },
    en: { title: 'Formal review passed', body: `Your application “${s(p, 'title')}” passed the formal review and goes to expert review.` },
  }),
  'funding.formal_returned': (p) => ({
    zh: { title: '申报未通过形式审查', body: `您的申报“${s(p, 'title')}”未通过形式审查，原因：${s(p, 'note')}` },
    en: { title: 'Formal review: returned', body: `Your application “${s(p, 'title')}” did not pass the formal review: ${s(p, 'note')}` },
  }),
  'funding.expert_assigned': (p) => ({
    zh: { title: '新的评审任务', body: `请在 ${s(p, 'deadline')} 前完成“${s(p, 'title')}”（${s(p, 'call')}）的评审打分。` },
    en: { title: 'New review assignment', body: `Please score “${s(p, 'title')}” (${s(p, 'call')}) by ${s(p, 'deadline')}.` },
  }),
  'funding.deadline_extended': (p) => ({
    zh: { title: '评审截止时间已延长', body: `“${s(p, 'title')}”的评审截止时间已延长至 ${s(p, 'deadline')}。` },
    en: { title: 'Review deadline extended', body: `The review deadline for “${s(p, 'title')}” is now ${s(p, 'deadline')}.` },
  }),
  'funding.review_reminder': (p) => ({
    zh: { title: '评审即将截止', body: `“${s(p, 'title')}”的评审将于 ${s(p, 'deadline')} 截止，您尚未提交评分。` },
    en: { title: 'Review due soon', body: `Your review of “${s(p, 'title')}” is due by ${s(p, 'deadline')} and has not been submitted.` },
  }),
  'funding.review_overdue': (p) => ({
    zh: { title: '专家评审逾期', body: `专家${s(p, 'expert')}对“${s(p, 'title')}”的评审已于 ${s(p, 'deadline')} 逾期未提交。` },
    en: { title: 'Expert review overdue', body: `${s(p, 'expert')}’s review of “${s(p, 'title')}” was due by ${s(p, 'deadline')} and is overdue.` },
  }),
  'funding.awarded': (p) => ({
    zh: { title: '获得资助', body: `公示期满，您的申报“${s(p, 'title')}”获得资助 ${s(p, 'amount')} 元。` },
    en: { title: 'Funding awarded', body: `The public notice has ended: “${s(p, 'title')}” is awarded CNY ${s(p, 'amount')}.` },
  }),
  'funding.not_awarded': (p) => ({
    zh: { title: '未获资助', body: `“${s(p, 'call')}”资助名单已确定，您的申报“${s(p, 'title')}”未获资助。` },
    en: { title: 'Not awarded', body: `The award list of “${s(p, 'call')}” is final; “${s(p, 'title')}” was not awarded.` },
  }),
  'funding.award_withdrawn': (p) => ({
    zh: { title: '资助已撤销', body: `经异议复核，您的申报“${s(p, 'title')}”的拟资助决定已撤销：${s(p, 'note')}` },
    en: { title: 'Award withdrawn', body: `After an objection was upheld, the proposed award to “${s(p, 'title')}” was withdrawn: ${s(p, 'note')}` },
  }),
  'funding.objection': (p) => ({
    zh: { title: '资助公示收到异议', body: `“${s(p, 'call')}”的公示名单收到异议${s(p, 'title') ? `（涉及“${s(p, 'title')}”）` : ''}，请处理。` },
    en: { title: 'Objection to an award list', body: `An objection was filed against the award list of “${s(p, 'call')}”${s(p, 'title') ? ` (on “${s(p, 'title')}”)` : ''}; please resolve it.` },
  }),
  'funding.objection_resolved': (p) => ({
    zh: { title: '异议处理结果', body: `您对“${s(p, 'call')}”公示名单的异议${s(p, 'decision') === 'uphold' ? '成立' : '不成立，已驳回'}：${s(p, 'resolution')}` },
    en: { title: 'Objection resolved', body: `Your objection to the award list of “${s(p, 'call')}” was ${s(p, 'decision') === 'uphold' ? 'upheld' : 'dismissed'}: ${s(p, 'resolution')}` },
  }),
  'funding.disbursed': (p) => ({
    zh: { title: '资助资金已拨付', body: `“${s(p, 'title')}”第 ${s(p, 'instalment')} 笔资助资金 ${s(p, 'amount')} 元已拨付（凭证号 ${s(p, 'reference')}）。` },
    en: { title: 'Funds disbursed', body: `Instalment ${s(p, 'instalment')} of CNY ${s(p, 'amount')} for “${s(p, 'title')}” has been paid (reference ${s(p, 'reference')}).` },
  }),
  'funding.acceptance_submitted': (p) => ({
    zh: { title: '收到验收申请', body: `资助项目“${s(p, 'title')}”${p.again ? '重新' : ''}提交了验收申请，请审核。` },
    en: { title: 'Acceptance application received', body: `The funded project “${s(p, 'title')}” has ${p.again ? 're-' : ''}applied for acceptance; please review it.` },
  }),
  'funding.acceptance_returned': (p) => ({
    zh: { title: '验收申请被退回', body: `您的资助项目“${s(p, 'title')}”的验收申请被退回，请修改后重新提交：${s(p, 'note')}` },
    en: { title: 'Acceptance application returned', body: `The acceptance application of “${s(p, 'title')}” was returned; please correct it and apply again: ${s(p, 'note')}` },
  }),
  'funding.accepted': (p) => ({
    zh: { title: '项目通过验收', body: `您的资助项目“${s(p, 'title')}”已通过验收：${s(p, 'note')}` },
    en: { title: 'Project accepted', body: `Your funded project “${s(p, 'title')}” has passed acceptance: ${s(p, 'note')}` },
  }),
});
