import type { ReactNode } from 'react';
import {
  AuditOutlined,
  BellOutlined,
  DashboardOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  MoneyCollectOutlined,
  UserOutlined,
  BankOutlined,
  BookOutlined,
  CloudUploadOutlined,
  ExperimentOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  ProfileOutlined,
  WarningOutlined,
  AreaChartOutlined,
  FormOutlined,
  AuditOutlined as ReviewOutlined,
  AlertOutlined,
  SettingOutlined,
  InteractionOutlined,
  SolutionOutlined,
  FunnelPlotOutlined,
  NotificationOutlined,
  FileProtectOutlined,
  BarChartOutlined,
  GiftOutlined,
  TrophyOutlined,
  ShopOutlined,
  AccountBookOutlined,
  WalletOutlined,
  CreditCardOutlined,
  PieChartOutlined,
  ExperimentFilled,
  CalendarOutlined,
  EnvironmentOutlined,
  IdcardOutlined,
  HeatMapOutlined,
  MobileOutlined,
  ClusterOutlined,
  UsergroupAddOutlined,
  RocketOutlined,
  ApartmentOutlined,
  FlagOutlined,
} from '@ant-design/icons';
import type { Me } from '@shared/contracts/identity.js';

export type ConsoleMenuKey =
  | 'overview'
  | 'profile'
  | 'organisation'
  | 'my-achievements'
  | 'my-demands'
  | 'review-desk'
  | 'imports'
  | 'dictionary'
  | 'projects'
  | 'overdue'
  | 'plans'
  | 'plan-tasks'
  | 'plan-reports'
  | 'supervision'
  | 'plan-admin'
  | 'cases'
  | 'subscriptions'
  | 'workload'
  | 'funnel'
  | 'trading'
  | 'trading-desk'
  | 'facilities'
  | 'bookings'
  | 'villages'
  | 'commissioners'
  | 'coverage'
  | 'service-log'
  | 'vouchers'
  | 'voucher-review'
  | 'voucher-report'
  | 'funding'
  | 'funding-experts'
  | 'contracts'
  | 'contract-stats'
  | 'finance'
  | 'finance-stats'
  | 'rewards'
  | 'majors'
  | 'registry-institution'
  | 'registry-broker'
  | 'registry-space'
  | 'registry-alliance'
  | 'registry-demo_zone'
  | 'registry-platform'
  | 'institution-scoring'
  | 'org-review'
  | 'accounts'
  | 'audit'
  | 'mail'
  | 'notifications';

type LabelName =
  | 'overview'
  | 'profile'
  | 'organisation'
  | 'myAchievements'
  | 'myDemands'
  | 'reviewDesk'
  | 'imports'
  | 'dictionary'
  | 'projects'
  | 'overdue'
  | 'plans'
  | 'planTasks'
  | 'planReports'
  | 'supervision'
  | 'planAdmin'
  | 'cases'
  | 'subscriptions'
  | 'workload'
  | 'funnel'
  | 'trading'
  | 'tradingDesk'
  | 'facilities'
  | 'bookings'
  | 'villages'
  | 'commissioners'
  | 'coverage'
  | 'serviceLog'
  | 'vouchers'
  | 'voucherReview'
  | 'voucherReport'
  | 'funding'
  | 'fundingExperts'
  | 'contracts'
  | 'contractStats'
  | 'finance'
  | 'financeStats'
  | 'rewards'
  | 'majors'
  | 'registryInstitution'
  | 'registryBroker'
  | 'registrySpace'
  | 'registryAlliance'
  | 'registryDemoZone'
  | 'registryPlatform'
  | 'institutionScoring'
  | 'orgReview'
  | 'accounts'
  | 'audit'
  | 'mail'
  | 'notifications';

/**
 * The console's sections, in the order the menu shows them. A staff member sees
 * some forty pages; headed groups keep them findable.
 */
export const CONSOLE_GROUPS = ['mine', 'catalog', 'matching', 'trading', 'ecosystem', 'villages', 'funding', 'plans', 'admin'] as const;
export type ConsoleGroup = (typeof CONSOLE_GROUPS)[number];

type Entry = {
  key: ConsoleMenuKey;
  group: ConsoleGroup;
  path: string;
  labelKey: `console.menu.${LabelName}`;
  icon: ReactNode;
  /** `action:entity` the route needs (any scope); the server enforces the same. */
  permission?: string;
  /** Shown only to members of an organisation. */
  needsOrg?: boolean;
};

/** The one table mapping console pages to paths and the permissions that show them. */
export const CONSOLE_MENU: Entry[] = [
  { key: 'overview', group: 'mine', path: '/console', labelKey: 'console.menu.overview', icon: <DashboardOutlined /> },
  { key: 'profile', group: 'mine', path: '/console/profile', labelKey: 'console.menu.profile', icon: <UserOutlined /> },
  { key: 'organisation', group: 'mine', path: '/console/organisation', labelKey: 'console.menu.organisation', icon: <BankOutlined />, needsOrg: true },
  { key: 'my-achievements', group: 'catalog', path: '/console/achievements', labelKey: 'console.menu.myAchievements', icon: <ExperimentOutlined />, permission: 'create:achievement', needsOrg: true },
  { key: 'my-demands', group: 'catalog', path: '/console/demands', labelKey: 'console.menu.myDemands', icon: <ProfileOutlined />, permission: 'create:demand', needsOrg: true },
  { key: 'review-desk', group: 'catalog', path: '/console/review', labelKey: 'console.menu.reviewDesk', icon: <FileSearchOutlined />, permission: 'review:listing' },
  { key: 'imports', group: 'catalog', path: '/console/imports', labelKey: 'console.menu.imports', icon: <CloudUploadOutlined />, permission: 'create:import' },
  { key: 'dictionary', group: 'catalog', path: '/console/dictionary', labelKey: 'console.menu.dictionary', icon: <BookOutlined />, permission: 'manage:dictionary' },
  { key: 'projects', group: 'catalog', path: '/console/projects', labelKey: 'console.menu.projects', icon: <FundProjectionScreenOutlined />, permission: 'read:project' },
  { key: 'overdue', group: 'catalog', path: '/console/overdue', labelKey: 'console.menu.overdue', icon: <WarningOutlined />, permission: 'supervise:obligation' },
  { key: 'cases', group: 'matching', path: '/console/cases', labelKey: 'console.menu.cases', icon: <InteractionOutlined />, permission: 'read:case' },
  { key: 'subscriptions', group: 'mine', path: '/console/subscriptions', labelKey: 'console.menu.subscriptions', icon: <NotificationOutlined /> },
  { key: 'workload', group: 'matching', path: '/console/broker', labelKey: 'console.menu.workload', icon: <SolutionOutlined />, permission: 'read:workload' },
  { key: 'funnel', group: 'matching', path: '/console/funnel', labelKey: 'console.menu.funnel', icon: <FunnelPlotOutlined />, permission: 'read:funnel' },
  { key: 'trading', group: 'trading', path: '/console/trading', labelKey: 'console.menu.trading', icon: <ShopOutlined />, needsOrg: true },
  { key: 'trading-desk', group: 'trading', path: '/console/trading-desk', labelKey: 'console.menu.tradingDesk', icon: <AccountBookOutlined />, permission: 'manage:auction' },
  { key: 'facilities', group: 'ecosystem', path: '/console/facilities', labelKey: 'console.menu.facilities', icon: <ExperimentFilled />, permission: 'read:facility' },
  { key: 'bookings', group: 'ecosystem', path: '/console/bookings', labelKey: 'console.menu.bookings', icon: <CalendarOutlined />, permission: 'read:booking', needsOrg: true },
  { key: 'service-log', group: 'villages', path: '/m/commissioner', labelKey: 'console.menu.serviceLog', icon: <MobileOutlined />, permission: 'create:service_log' },
  { key: 'coverage', group: 'villages', path: '/console/coverage', labelKey: 'console.menu.coverage', icon: <HeatMapOutlined />, permission: 'read:coverage' },
  { key: 'commissioners', group: 'villages', path: '/console/commissioners', labelKey: 'console.menu.commissioners', icon: <IdcardOutlined />, permission: 'read:commissioner' },
  { key: 'villages', group: 'villages', path: '/console/villages', labelKey: 'console.menu.villages', icon: <EnvironmentOutlined />, permission: 'read:village' },
  { key: 'contracts', group: 'trading', path: '/console/contracts', labelKey: 'console.menu.contracts', icon: <FileProtectOutlined />, permission: 'read:contract' },
  { key: 'contract-stats', group: 'trading', path: '/console/contract-statistics', labelKey: 'console.menu.contractStats', icon: <BarChartOutlined />, permission: 'read:contractstats' },
  { key: 'rewards', group: 'trading', path: '/console/rewards', labelKey: 'console.menu.rewards', icon: <GiftOutlined />, permission: 'read:income' },
  { key: 'majors', group: 'trading', path: '/console/major-achievements', labelKey: 'console.menu.majors', icon: <TrophyOutlined />, permission: 'read:major' },
  { key: 'vouchers', group: 'funding', path: '/console/vouchers', labelKey: 'console.menu.vouchers', icon: <WalletOutlined />, permission: 'create:voucher_redemption' },
  { key: 'voucher-review', group: 'funding', path: '/console/voucher-review', labelKey: 'console.menu.voucherReview', icon: <CreditCardOutlined />, permission: 'decide:voucher_application' },
  { key: 'voucher-report', group: 'funding', path: '/console/voucher-report', labelKey: 'console.menu.voucherReport', icon: <PieChartOutlined />, permission: 'read:voucher_report' },
  { key: 'finance', group: 'funding', path: '/console/finance/records', labelKey: 'console.menu.finance', icon: <BankOutlined />, permission: 'read:financing' },
  { key: 'finance-stats', group: 'funding', path: '/console/finance/statistics', labelKey: 'console.menu.financeStats', icon: <BarChartOutlined />, permission: 'read:financestats' },
  { key: 'funding', group: 'funding', path: '/console/funding', labelKey: 'console.menu.funding', icon: <MoneyCollectOutlined />, permission: 'read:funding_call' },
  { key: 'funding-experts', group: 'funding', path: '/console/funding/experts', labelKey: 'console.menu.fundingExperts', icon: <TeamOutlined />, permission: 'read:funding_expert' },
  { key: 'registry-institution', group: 'ecosystem', path: '/console/registries/institutions', labelKey: 'console.menu.registryInstitution', icon: <ClusterOutlined />, permission: 'read:institution' },
  { key: 'registry-broker', group: 'ecosystem', path: '/console/registries/brokers', labelKey: 'console.menu.registryBroker', icon: <UsergroupAddOutlined />, permission: 'read:broker' },
  { key: 'registry-space', group: 'ecosystem', path: '/console/registries/spaces', labelKey: 'console.menu.registrySpace', icon: <RocketOutlined />, permission: 'read:space' },
  { key: 'registry-alliance', group: 'ecosystem', path: '/console/registries/alliances', labelKey: 'console.menu.registryAlliance', icon: <ApartmentOutlined />, permission: 'read:alliance' },
  { key: 'registry-demo_zone', group: 'ecosystem', path: '/console/registries/demo-zones', labelKey: 'console.menu.registryDemoZone', icon: <FlagOutlined />, permission: 'read:demo_zone' },
  { key: 'registry-platform', group: 'ecosystem', path: '/console/registries/platforms', labelKey: 'console.menu.registryPlatform', icon: <ExperimentOutlined />, permission: 'read:platform' },
  { key: 'institution-scoring', group: 'ecosystem', path: '/console/institution-scoring', labelKey: 'console.menu.institutionScoring', icon: <TrophyOutlined />, permission: 'score:institution' },
  { key: 'plans', group: 'plans', path: '/console/plans', labelKey: 'console.menu.plans', icon: <AreaChartOutlined />, permission: 'read:plan' },
  { key: 'plan-tasks', group: 'plans', path: '/console/plan-tasks', labelKey: 'console.menu.planTasks', icon: <FormOutlined />, permission: 'submit:plan_report', needsOrg: true },
  { key: 'plan-reports', group: 'plans', path: '/console/plan-reports', labelKey: 'console.menu.planReports', icon: <ReviewOutlined />, permission: 'review:plan_report' },
  { key: 'supervision', group: 'plans', path: '/console/supervision', labelKey: 'console.menu.supervision', icon: <AlertOutlined />, permission: 'supervise:plan' },
  { key: 'plan-admin', group: 'plans', path: '/console/plan-admin', labelKey: 'console.menu.planAdmin', icon: <SettingOutlined />, permission: 'manage:plan' },
  { key: 'org-review', group: 'admin', path: '/console/org-review', labelKey: 'console.menu.orgReview', icon: <SafetyCertificateOutlined />, permission: 'verify:organisation' },
  { key: 'accounts', group: 'admin', path: '/console/accounts', labelKey: 'console.menu.accounts', icon: <TeamOutlined />, permission: 'manage:user' },
  { key: 'audit', group: 'admin', path: '/console/audit', labelKey: 'console.menu.audit', icon: <AuditOutlined />, permission: 'read:audit' },
  { key: 'mail', group: 'admin', path: '/console/mail', labelKey: 'console.menu.mail', icon: <MailOutlined />, permission: 'read:mail' },
  { key: 'notifications', group: 'mine', path: '/console/notifications', labelKey: 'console.menu.notifications', icon: <BellOutlined /> },
];

export function visibleMenu(user: Me, hasPermission: (p: string) => boolean): Entry[] {
  return CONSOLE_MENU.filter((e) => (!e.permission || hasPermission(e.permission)) && (!e.needsOrg || !!user.organisation));
}

/** The entry of a page: the longest entry path the page is at or under (/console/funding/experts is experts, not funding). */
export function activeKey(pathname: string): ConsoleMenuKey {
  let hit: Entry | undefined;
  for (const e of CONSOLE_MENU) {
    if (e.path === '/console' || !(pathname === e.path || pathname.startsWith(`${e.path}/`))) continue;
    if (!hit || e.path.length > hit.path.length) hit = e;
  }
  return hit?.key ?? 'overview';
}
