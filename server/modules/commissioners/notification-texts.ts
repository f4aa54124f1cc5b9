import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

defineNotificationTemplates({
  'commissioner.assigned': (p) => ({
    zh: { title: '新的选派任务', body: `您已被选派开展科技服务，自 ${s(p, 'startsOn')} 起。请在“特派员服务”中查看并记录服务。` },
    en: { title: 'New assignment', body: `You have been assigned from ${s(p, 'startsOn')}. See it and log your services under “Commissioner services”.` },
  }),
});
