import { useState } from 'react';
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DistrictClock } from '../../components/DistrictClock';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Logo } from '../../components/Logo';
import { NotificationBell } from '../../components/NotificationBell';
import { UserMenu } from '../../components/UserMenu';
import { useSession } from '../../session/SessionContext';
import { PASSWORD_CHANGE_PATH } from '../../session/guards';
import { activeKey, CONSOLE_GROUPS, visibleMenu } from './menu';

export function ConsoleLayout() {
  const { t } = useTranslation();
  const { user, hasPermission } = useSession();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const wide = screens.md !== false;
  // RequireAuth guarantees a user here; a forced password change shows no menu at all.
  const forced = !user || user.mustChangePassword || pathname === PASSWORD_CHANGE_PATH;
  const entries = user && !forced ? visibleMenu(user, hasPermission) : [];

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[activeKey(pathname)]}
      style={{ borderInlineEnd: 'none' }}
      items={CONSOLE_GROUPS.map((g) => ({ g, members: entries.filter((e) => e.group === g) }))
        .filter(({ members }) => members.length > 0)
        .map(({ g, members }) => ({
          type: 'group' as const,
          key: `group-${g}`,
          label: t(`console.group.${g}`),
          children: members.map((e) => ({
            key: e.key,
            icon: e.icon,
            label: <span data-testid={`menu-${e.key}`}>{t(e.labelKey)}</span>,
          })),
        }))}
      onClick={({ key }) => {
        const e = entries.find((x) => x.key === key);
        setDrawer(false);
        if (e) navigate(e.path);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header className="cg-header">
        {!wide && entries.length > 0 && (
          <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawer(true)} data-testid="console-menu-toggle" />
        )}
        <Logo />
        <span className="cg-spacer" />
        <div className="cg-header-right">
          <DistrictClock />
          <LanguageSwitch />
          {!forced && <NotificationBell />}
          <UserMenu />
        </div>
      </header>
      <Layout>
        {wide && entries.length > 0 && (
          <Layout.Sider width={208} theme="light" className="cg-console-sider">
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content className="cg-console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      <Drawer open={!wide && drawer} onClose={() => setDrawer(false)} placement="left" width={240} title={t('console.title')} styles={{ body: { padding: 0 } }} footer={<DistrictClock minWidth="none" dateFrom="none" testId="drawer-district-clock" />}>
        {menu}
      </Drawer>
    </Layout>
  );
}
