import type { Locale } from '../../../shared/roles.js';

/** A notification as a reader sees it, in their language. */
export type RenderedNotification = { title: string; body: string };

export type NotificationText = { zh: RenderedNotification; en: RenderedNotification };
type Text = NotificationText;
type Params = Record<string, unknown>;
export type NotificationTemplate = (p: Params) => NotificationText;

/** A parameter as display text; a missing one shows as an empty string rather than "undefined". */
export function param(params: Params, key: string): string {
  const v = params[key];
  return v === null || v === undefined ? '' : String(v);
}

const s = param;

/**
 * One entry per notification kind. Rows store only the kind and its
 * parameters, so wording can be corrected later and each reader gets their
 * own language. Kinds not listed fall back to a generic text. Other domains
 * add theirs with `defineNotificationTemplates` in their own module.
 */
const TEMPLATES: Record<string, NotificationTemplate> = {
  'organisation.registered': (p) => ({
    zh: { title: '新机构待审核', body: `机构“${s(p, 'organisationName')}”已注册，等待审核。` },
    en: { title: 'New organisation awaits verification', body: `“${s(p, 'organisationName')}” has registered and awaits verification.` },
  }),
  'organisation.verified': (p) => ({
    zh: { title: '机构已通过审核', body: `您所在的机构“${s(p, 'organisationName')}”已通过审核，现在可以使用平台的全部功能。` },
    en: { title: 'Organisation verified', body: `Your organisation “${s(p, 'organisationName')}” has been verified; every feature of the platform is now open to you.` },
  }),
  'organisation.rejected': (p) => ({
    zh: { title: '机构审核未通过', body: `您所在的机构“${s(p, 'organisationName')}”未通过审核。说明：${s(p, 'note') || '无'}` },
    en: { title: 'Organisation not verified', body: `Your organisation “${s(p, 'organisationName')}” was not verified. Note: ${s(p, 'note') || 'none'}` },
  }),
  'invitation.accepted': (p) => ({
    zh: { title: '邀请已接受', body: `${s(p, 'username')} 已接受邀请，加入“${s(p, 'organisationName')}”。` },
    en: { title: 'Invitation accepted', body: `${s(p, 'username')} accepted the invitation and joined “${s(p, 'organisationName')}”.` },
  }),
  'account.password_reset': () => ({
    zh: { title: '密码已重置', body: '您的登录密码已通过邮件链接重置，其他设备上的登录已退出。如非本人操作，请立即联系管理员。' },
    en: { title: 'Password reset', body: 'Your password was reset through an e-mailed link and you were signed out elsewhere. If this was not you, contact an administrator at once.' },
  }),
  'account.locked': () => ({
    zh: { title: '账号已临时锁定', body: '由于连续多次登录失败，您的账号已被锁定 15 分钟。如非本人操作，请修改密码。' },
    en: { title: 'Account temporarily locked', body: 'After repeated failed sign-ins your account is locked for 15 minutes. If this was not you, change your password.' },
  }),
};

/** Register a domain's notification texts (once, at module load). */
export function defineNotificationTemplates(templates: Record<string, NotificationTemplate>): void {
  for (const [kind, t] of Object.entries(templates)) {
    if (TEMPLATES[kind]) throw new Error(`notification template ${kind} defined twice`);
    TEMPLATES[kind] = t;
  }
}

/** Kinds with a dedicated template (for tests and the admin docs). */
export function templateKinds(): string[] {
  return Object.keys(TEMPLATES);
}

/** Title and body of a notification in the reader's language. */
export function renderNotification(kind: string, params: Params, locale: Locale): RenderedNotification {
  const template = TEMPLATES[kind];
  const text: Text = template
    ? template(params)
    : { zh: { title: '系统通知', body: `您有一条新通知（${kind}）。` }, en: { title: 'Notification', body: `You have a new notification (${kind}).` } };
  return locale === 'en' ? text.en : text.zh;
}
