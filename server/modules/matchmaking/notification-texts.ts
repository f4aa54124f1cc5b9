import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

const REASON_ZH: Record<string, string> = {
  too_early: '技术尚不成熟',
  benefit_unclear: '效益不明确',
  route_unclear: '商业化路径不清晰',
  price: '价格未谈拢',
  ip_unclear: '知识产权不清晰',
  no_response: '对方无回应',
  other: '其他',
};
const REASON_EN: Record<string, string> = {
  too_early: 'too early',
  benefit_unclear: 'benefit unclear',
  route_unclear: 'commercial route unclear',
  price: 'price',
  ip_unclear: 'IP not clear',
  no_response: 'no response',
  other: 'other',
};
const STATUS_ZH: Record<string, string> = { interest: '意向', contact: '已建立联系', negotiation: '洽谈中', agreement: '已达成协议', closed: '已关闭' };
const STATUS_EN: Record<string, string> = { interest: 'interest', contact: 'in contact', negotiation: 'negotiating', agreement: 'agreement reached', closed: 'closed' };

defineNotificationTemplates({
  'case.interest': (p) => ({
    zh: { title: '新的对接意向', body: `“${s(p, 'organisationName')}”对“${s(p, 'title')}”表达了对接意向，请查看并答复。` },
    en: { title: 'New expression of interest', body: `“${s(p, 'organisationName')}” is interested in “${s(p, 'title')}”. Please review and reply.` },
  }),
  'case.accepted': (p) => ({
    zh: { title: '对方已接受对接', body: `关于“${s(p, 'title')}”的对接已被接受，双方联系方式现已可见。` },
    en: { title: 'Interest accepted', body: `Your interest in “${s(p, 'title')}” was accepted; both sides’ contact details are now visible.` },
  }),
  'case.status': (p) => ({
    zh: { title: '对接状态更新', body: `关于“${s(p, 'title')}”的对接状态变为：${STATUS_ZH[s(p, 'status')] ?? s(p, 'status')}。` },
    en: { title: 'Case status changed', body: `The case about “${s(p, 'title')}” is now: ${STATUS_EN[s(p, 'status')] ?? s(p, 'status')}.` },
  }),
  'case.closed': (p) => ({
    zh: { title: '对接已关闭', body: `关于“${s(p, 'title')}”的对接已关闭，原因：${REASON_ZH[s(p, 'reason')] ?? (s(p, 'reason') || '未说明')}。` },
    en: { title: 'Case closed', body: `The case about “${s(p, 'title')}” was closed. Reason: ${REASON_EN[s(p, 'reason')] ?? (s(p, 'reason') || 'not given')}.` },
  }),
  'case.message': (p) => ({
    zh: { title: '对接新消息', body: `“${s(p, 'from')}”在“${s(p, 'title')}”的对接中${p.file ? '上传了文件' : '发来了消息'}。` },
    en: { title: 'New message in a case', body: `“${s(p, 'from')}” ${p.file ? 'posted a file' : 'wrote'} in the case about “${s(p, 'title')}”.` },
  }),
  'case.reminder': (p) => ({
    zh: { title: '对接待您回复', body: `“${s(p, 'otherName')}”在“${s(p, 'title')}”的对接中已等待您回复 ${s(p, 'days')} 个工作日。` },
    en: { title: 'A case awaits your reply', body: `“${s(p, 'otherName')}” has been waiting ${s(p, 'days')} working days for your reply about “${s(p, 'title')}”.` },
  }),
  'case.escalated': (p) => ({
    zh: { title: '对接久未回复', body: `“${s(p, 'silentName')}”在“${s(p, 'title')}”的对接中提醒后仍未回复，请跟进。` },
    en: { title: 'Case stalled', body: `“${s(p, 'silentName')}” has still not replied about “${s(p, 'title')}” after a reminder; please follow up.` },
  }),
  'case.broker_assigned': (p) => ({
    zh: { title: '技术经纪人已介入', body: `技术经纪人 ${s(p, 'brokerName')} 将协助“${s(p, 'title')}”的对接。` },
    en: { title: 'Broker assigned', body: `Broker ${s(p, 'brokerName')} will help with the case about “${s(p, 'title')}”.` },
  }),
  'case.broker_assigned_to_you': (p) => ({
    zh: { title: '新分派的对接', body: `区科技局将“${s(p, 'title')}”的对接分派给您，请查看并跟进。` },
    en: { title: 'Case assigned to you', body: `The bureau assigned you the case about “${s(p, 'title')}”; please review and follow up.` },
  }),
});
