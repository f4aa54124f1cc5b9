import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

defineNotificationTemplates({
  'match.subscription_hit': (p) => ({
    zh: {
      title: s(p, 'kind') === 'demand' ? '有新的匹配需求' : '有新的匹配成果',
      body: `新发布的“${s(p, 'title')}”与您的订阅匹配（匹配度 ${s(p, 'relevance')}%）。${s(p, 'summaryZh')}`,
    },
    en: {
      title: s(p, 'kind') === 'demand' ? 'A new demand matches your subscription' : 'A new achievement matches your subscription',
      body: `“${s(p, 'title')}”, just published, matches your subscription (relevance ${s(p, 'relevance')}%). ${s(p, 'summaryEn')}`,
    },
  }),
});
