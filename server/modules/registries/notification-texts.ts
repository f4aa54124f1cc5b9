import { defineNotificationTemplates, param as s } from '../notifications/templates.js';

const KIND_ZH: Record<string, string> = { institution: '服务机构', broker: '技术经纪人', space: '众创空间/孵化载体', alliance: '产业技术创新联盟', demo_zone: '示范区/基地', platform: '创新平台' };
const KIND_EN: Record<string, string> = { institution: 'service institution', broker: 'broker profile', space: 'maker space', alliance: 'alliance', demo_zone: 'demonstration zone', platform: 'innovation platform' };

defineNotificationTemplates({
  'registry.submitted': (p) => ({
    zh: { title: `${KIND_ZH[s(p, 'kind')] ?? ''}待审核`, body: `“${s(p, 'name')}”已提交${s(p, 'change') === 'true' ? '变更' : '登记'}，请审核。` },
    en: { title: `A ${KIND_EN[s(p, 'kind')] ?? 'registry entry'} awaits review`, body: `“${s(p, 'name')}” was submitted${s(p, 'change') === 'true' ? ' with changes' : ''}; please review it.` },
  }),
  'registry.approved': (p) => ({
    zh: { title: '登记已通过审核', body: `“${s(p, 'name')}”已通过审核并在名录中公开。` },
    en: { title: 'Entry approved', body: `“${s(p, 'name')}” was approved and is public in the directory.` },
  }),
  'registry.returned': (p) => ({
    zh: { title: '登记被退回', body: `“${s(p, 'name')}”被退回修改：${s(p, 'reason')}` },
    en: { title: 'Entry returned', body: `“${s(p, 'name')}” was returned for changes: ${s(p, 'reason')}` },
  }),
  'registry.withdrawn': (p) => ({
    zh: { title: '登记已撤下', body: `“${s(p, 'name')}”已从名录撤下。${s(p, 'reason')}` },
    en: { title: 'Entry withdrawn', body: `“${s(p, 'name')}” was withdrawn from the directory. ${s(p, 'reason')}` },
  }),
  'registry.certificate_expiring': (p) => ({
    zh: { title: '示范机构证书即将到期', body: `“${s(p, 'name')}”的认定证书将于 ${s(p, 'validUntil')} 到期，请及时办理复核。` },
    en: { title: 'Certificate expiring', body: `The recognition certificate of “${s(p, 'name')}” expires on ${s(p, 'validUntil')}; please arrange its renewal.` },
  }),
});
