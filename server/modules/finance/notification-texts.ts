import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

defineNotificationTemplates({
  'finance.submitted': (p) => ({
    zh: { title: '新的科技金融登记待核实', body: `${s(p, 'orgName')}登记了${s(p, 'kindZh')}（${s(p, 'institution')}，${s(p, 'amountYuan')} 元），请核实。` },
    en: { title: 'S&T financing record to verify', body: `${s(p, 'orgName')} registered a ${s(p, 'kindEn')} (${s(p, 'institution')}, CNY ${s(p, 'amountYuan')}); please verify it.` },
  }),
  'finance.returned': (p) => ({
    zh: { title: '科技金融登记被退回', body: `您登记的${s(p, 'kindZh')}（${s(p, 'institution')}，${s(p, 'amountYuan')} 元）被退回修改：${s(p, 'note')}` },
    en: { title: 'S&T financing record returned', body: `Your ${s(p, 'kindEn')} (${s(p, 'institution')}, CNY ${s(p, 'amountYuan')}) was returned for changes: ${s(p, 'note')}` },
  }),
  'finance.verified': (p) => ({
    zh: { title: '科技金融登记已核实', body: `您登记的${s(p, 'kindZh')}（${s(p, 'institution')}，${s(p, 'amountYuan')} 元）已通过科技局核实，计入统计。` },
    en: { title: 'S&T financing record verified', body: `Your ${s(p, 'kindEn')} (${s(p, 'institution')}, CNY ${s(p, 'amountYuan')}) was verified by the bureau and now counts in the statistics.` },
  }),
});
