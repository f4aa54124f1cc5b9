import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

defineNotificationTemplates({
  'voucher.application': (p) => ({
    zh: { title: '新的创新券申请', body: `“${s(p, 'programme')}”收到一份新的创新券申请，请审核。` },
    en: { title: 'New voucher application', body: `A new application to “${s(p, 'programme')}” awaits review.` },
  }),
  'voucher.application_approved': (p) => ({
    zh: { title: '创新券已发放', body: `您对“${s(p, 'programme')}”的申请已获批准，创新券编码：${s(p, 'codes')}。` },
    en: { title: 'Vouchers issued', body: `Your application to “${s(p, 'programme')}” was approved; voucher codes: ${s(p, 'codes')}.` },
  }),
  'voucher.application_rejected': (p) => ({
    zh: { title: '创新券申请未获批准', body: `您对“${s(p, 'programme')}”的申请未获批准：${s(p, 'note')}` },
    en: { title: 'Voucher application rejected', body: `Your application to “${s(p, 'programme')}” was rejected: ${s(p, 'note')}` },
  }),
  'voucher.redemption': (p) => ({
    zh: { title: '新的创新券兑付申请', body: `创新券 ${s(p, 'code')} 提交了兑付申请（风险提示 ${s(p, 'flags')} 项），请审核。` },
    en: { title: 'New voucher redemption', body: `Voucher ${s(p, 'code')} was submitted for redemption (${s(p, 'flags')} warnings); please review.` },
  }),
  'voucher.redemption_approved': (p) => ({
    zh: { title: '兑付申请已批准', body: `创新券 ${s(p, 'code')} 的兑付申请已批准，等待拨付。` },
    en: { title: 'Redemption approved', body: `The redemption of voucher ${s(p, 'code')} was approved and awaits payment.` },
  }),
  'voucher.redemption_rejected': (p) => ({
    zh: { title: '兑付申请被驳回', body: `创新券 ${s(p, 'code')} 的兑付申请被驳回：${s(p, 'note')}` },
    en: { title: 'Redemption rejected', body: `The redemption of voucher ${s(p, 'code')} was rejected: ${s(p, 'note')}` },
  }),
  'voucher.redemption_paid': (p) => ({
    zh: { title: '创新券资金已拨付', body: `创新券 ${s(p, 'code')} 的兑付资金 ${s(p, 'amount')} 元已拨付。` },
    en: { title: 'Voucher payout made', body: `CNY ${s(p, 'amount')} for voucher ${s(p, 'code')} has been paid.` },
  }),
});
