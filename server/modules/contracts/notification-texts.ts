import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

const REFUSAL_ZH: Record<string, string> = { oral: '口头合同不予登记', non_technical: '非技术合同不予登记', other: '其他原因' };
const REFUSAL_EN: Record<string, string> = { oral: 'oral contracts are not registered', non_technical: 'not a technology contract', other: 'other reasons' };

defineNotificationTemplates({
  'contract.submitted': (p) => ({
    zh: { title: '新的技术合同登记申请', body: `“${s(p, 'projectName')}”已提交认定登记，请在 ${s(p, 'dueDate')} 前完成审核。` },
    en: { title: 'New contract registration', body: `“${s(p, 'projectName')}” was submitted for registration; please review it by ${s(p, 'dueDate')}.` },
  }),
  'contract.returned': (p) => ({
    zh: { title: '技术合同登记被退回', body: `“${s(p, 'projectName')}”被退回修改：${s(p, 'reason')}` },
    en: { title: 'Contract registration returned', body: `“${s(p, 'projectName')}” was returned for changes: ${s(p, 'reason')}` },
  }),
  'contract.reclassified': (p) => ({
    zh: { title: '技术合同类别已调整', body: `登记机构将“${s(p, 'projectName')}”的合同类别调整为${s(p, 'typeZh')}：${s(p, 'note')}` },
    en: { title: 'Contract type changed', body: `The registrar changed the type of “${s(p, 'projectName')}” to ${s(p, 'typeEn')}: ${s(p, 'note')}` },
  }),
  'contract.refused': (p) => ({
    zh: { title: '技术合同不予登记', body: `“${s(p, 'projectName')}”不予登记（${REFUSAL_ZH[s(p, 'reason')] ?? s(p, 'reason')}）。${s(p, 'note')}` },
    en: { title: 'Contract registration refused', body: `“${s(p, 'projectName')}” was refused (${REFUSAL_EN[s(p, 'reason')] ?? s(p, 'reason')}). ${s(p, 'note')}` },
  }),
  'contract.approved': (p) => ({
    zh: { title: '技术合同已认定登记', body: `“${s(p, 'projectName')}”已登记，登记号 ${s(p, 'number')}，可下载登记证明。` },
    en: { title: 'Contract registered', body: `“${s(p, 'projectName')}” is registered as ${s(p, 'number')}; the certificate can be downloaded.` },
  }),
  'contract.review_due': (p) => ({
    zh: { title: '技术合同登记即将到期', body: `“${s(p, 'projectName')}”的认定审核须在 ${s(p, 'dueDate')} 前完成（剩 ${s(p, 'days')} 天）。` },
    en: { title: 'Registration review due', body: `The review of “${s(p, 'projectName')}” is due by ${s(p, 'dueDate')} (${s(p, 'days')} days left).` },
  }),
  'major.proposed': (p) => ({
    zh: { title: '重大科技成果待认定', body: `“${s(p, 'title')}”符合重大科技成果条件，请审核确认。` },
    en: { title: 'Major achievement proposed', body: `“${s(p, 'title')}” meets the criteria of a major achievement; please decide.` },
  }),
});
