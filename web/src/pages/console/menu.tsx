import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BellOutlined,
  DashboardOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserOutlined,
  BankOutlined,
} from '@ant-design/icons';
import type { Me } from '@shared/contracts/identity.js';

export type ConsoleMenuKey = 'overview' | 'profile' | 'organisation' | 'org-review' | 'accounts' | 'audit' | 'mail' | 'notifications';

type Entry = {
  key: ConsoleMenuKey;
  path: string;
  labelKey: `console.menu.${'overview' | 'profile' | 'organisation' | 'orgReview' | 'accounts' | 'audit' | 'mail' | 'notifications'}`;
  icon: ReactNode;
  /** `action:entity` the route needs (any scope); the server enforces the same. */
  permission?: string;
  /** Shown only to members of an organisation. */
  needsOrg?: boolean;
};

/** The one table mapping console pages to paths and the permissions that show them. */
export const CONSOLE_MENU: Entry[] = [
  { key: 'overview', path: '/console', labelKey: 'console.menu.overview', icon: <DashboardOutlined /> },
  { key: 'profile', path: '/console/profile', labelKey: 'console.menu.profile', icon: <UserOutlined /> },
  { key: 'organisation', path: '/console/organisation', labelKey: 'console.menu.organisation', icon: <BankOutlined />, needsOrg: true },
  { key: 'org-review', path: '/console/org-review', labelKey: 'console.menu.orgReview', icon: <SafetyCertificateOutlined />, permission: 'verify:organisation' },
  { key: 'accounts', path: '/console/accounts', labelKey: 'console.menu.accounts', icon: <TeamOutlined />, permission: 'manage:user' },
  { key: 'audit', path: '/console/audit', labelKey: 'console.menu.audit', icon: <AuditOutlined />, permission: 'read:audit' },
  { key: 'mail', path: '/console/mail', labelKey: 'console.menu.mail', icon: <MailOutlined />, permission: 'read:mail' },
  { key: 'notifications', path: '/console/notifications', labelKey: 'console.menu.notifications', icon: <BellOutlined /> },
];

export function visibleMenu(user: Me, hasPermission: (p: string) => boolean): Entry[] {
  return CONSOLE_MENU.filter((e) => (!e.permission || hasPermission(e.permission)) && (!e.needsOrg || !!user.organisation));
}

export function activeKey(pathname: string): ConsoleMenuKey {
  const hit = CONSOLE_MENU.filter((e) => e.path !== '/console' && pathname.startsWith(e.path))[0];
  return hit?.key ?? 'overview';
}
