import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

const kindZh = (p: Record<string, unknown>) => (p.kind === 'demand' ? '技术需求' : '科技成果');
const kindEn = (p: Record<string, unknown>) => (p.kind === 'demand' ? 'technology demand' : 'achievement');

defineNotificationTemplates({
  'listing.published': (p) => ({
    zh: { title: '发布成功', body: `您提交的${kindZh(p)}“${s(p, 'title')}”已通过审核并发布。` },
    en: { title: 'Listing published', body: `Your ${kindEn(p)} “${s(p, 'title')}” has been approved and published.` },
  }),
  'listing.returned': (p) => ({
    zh: { title: '审核退回', body: `您提交的${kindZh(p)}“${s(p, 'title')}”被退回修改。原因：${s(p, 'reasons')}` },
    en: { title: 'Listing returned', body: `Your ${kindEn(p)} “${s(p, 'title')}” was returned for changes. Reasons: ${s(p, 'reasons')}` },
  }),
});
