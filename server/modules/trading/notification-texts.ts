import { districtDateTime } from '../projects/due-dates.js';
import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

const yuan = (v: unknown) => `¥${(Number(v ?? 0) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const when = (v: unknown) => (v ? districtDateTime(new Date(String(v))) : '');

defineNotificationTemplates({
  'trade.deal': (p) => ({
    zh: { title: '成交，进入公示', body: `“${s(p, 'title')}”以 ${yuan(p.amountFen)} 成交，公示至 ${when(p.noticeEndsAt)}；公示期内无异议后交易生效。` },
    en: { title: 'Deal struck; public notice begins', body: `“${s(p, 'title')}” was agreed at ${yuan(p.amountFen)}. Public notice runs until ${when(p.noticeEndsAt)}; the deal is final if no objection is upheld.` },
  }),
  'trade.deal_final': (p) => ({
    zh: { title: '交易已生效', body: `“${s(p, 'title')}”（${yuan(p.amountFen)}）公示期满无异议，交易生效，可办理技术合同登记。` },
    en: { title: 'Deal final', body: `The deal on “${s(p, 'title')}” (${yuan(p.amountFen)}) is final; the contract can now be registered.` },
  }),
  'trade.deal_confirmed': (p) => ({
    zh: { title: '双方已确认成交', body: `“${s(p, 'title')}”（${yuan(p.amountFen)}）的成交确认书已由转让方和受让方在平台确认（${when(p.confirmedAt)}，北京时间），可下载成交确认书并办理技术合同登记。` },
    en: { title: 'Both parties confirmed the deal', body: `The deal confirmation for “${s(p, 'title')}” (${yuan(p.amountFen)}) was confirmed on the platform by seller and buyer (${when(p.confirmedAt)}, Beijing time). Download it and register the contract.` },
  }),
  'trade.offer': (p) => ({
    zh: { title: '收到新的报价', body: `有单位对挂牌成果“${s(p, 'title')}”报价 ${yuan(p.amountFen)}，请查看并答复。` },
    en: { title: 'New offer', body: `An organisation offered ${yuan(p.amountFen)} for “${s(p, 'title')}”. Please review and reply.` },
  }),
  'trade.offer_declined': (p) => ({
    zh: { title: '报价未被接受', body: `您对“${s(p, 'title')}”的报价 ${yuan(p.amountFen)} 未被接受。` },
    en: { title: 'Offer declined', body: `Your offer of ${yuan(p.amountFen)} for “${s(p, 'title')}” was declined.` },
  }),
  'trade.outbid': (p) => ({
    zh: { title: '您的出价已被超过', body: `“${s(p, 'title')}”的竞价中出现更高出价 ${yuan(p.amountFen)}。` },
    en: { title: 'You have been outbid', body: `A higher bid of ${yuan(p.amountFen)} was placed on “${s(p, 'title')}”.` },
  }),
  'trade.deposit_recorded': (p) => ({
    zh: { title: '保证金已到账', body: `“${s(p, 'title')}”竞价保证金 ${yuan(p.amountFen)} 已确认到账，竞价开始后即可出价。` },
    en: { title: 'Deposit recorded', body: `Your deposit of ${yuan(p.amountFen)} for “${s(p, 'title')}” was recorded; you may bid once the auction is open.` },
  }),
  'trade.auction_lost': (p) => ({
    zh: { title: '竞价结束', body: `“${s(p, 'title')}”竞价已结束，成交价 ${yuan(p.amountFen)}，您未竞得。保证金将原路退还。` },
    en: { title: 'Auction ended', body: `The auction for “${s(p, 'title')}” ended at ${yuan(p.amountFen)}; you did not win. Your deposit will be refunded.` },
  }),
  'trade.auction_failed': (p) => ({
    zh: { title: '竞价流拍', body: `“${s(p, 'title')}”竞价流拍（${s(p, 'reason') === 'reserve_not_met' ? '未达保留价' : '无人出价'}），已缴保证金将退还。` },
    en: { title: 'Auction failed', body: `The auction for “${s(p, 'title')}” failed (${s(p, 'reason') === 'reserve_not_met' ? 'reserve not met' : 'no bids'}); deposits will be refunded.` },
  }),
  'trade.objection': (p) => ({
    zh: { title: '交易公示收到异议', body: `“${s(p, 'title')}”的成交公示收到异议，待区科技局处理；处理完毕前交易不生效。` },
    en: { title: 'Objection to a deal', body: `An objection was filed against the deal on “${s(p, 'title')}”; the deal is on hold until the bureau resolves it.` },
  }),
  'trade.objection_resolved': (p) => ({
    zh: { title: '异议已处理', body: `“${s(p, 'title')}”成交公示的异议${s(p, 'decision') === 'upheld' ? '成立，交易取消，挂牌重新开放' : '不成立，已驳回'}。` },
    en: { title: 'Objection resolved', body: `The objection to the deal on “${s(p, 'title')}” was ${s(p, 'decision') === 'upheld' ? 'upheld: the deal is cancelled and the listing reopens' : 'dismissed'}.` },
  }),
});
