import { useState } from 'react';
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { DistrictClock } from '../../components/DistrictClock';
import { Logo } from '../../components/Logo';
import { NotificationBell } from '../../components/NotificationBell';
import { UserMenu } from '../../components/UserMenu';
import { useSession } from '../../session/SessionContext';

/** The public areas; 政策 (policies) keeps its page but leaves the bar until it has content. */
const NAV = ['home', 'achievements', 'demands', 'match', 'trading', 'services', 'statistics'] as const;
const pathOf = (k: (typeof NAV)[number]) => (k === 'home' ? '/' : `/${k}`);

export function PortalLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [drawer, setDrawer] = useState(false);
  const wide = screens.md !== false;
  const selected = NAV.find((k) => k !== 'home' && pathname.startsWith(pathOf(k))) ?? (pathname === '/' ? 'home' : '');

  const items = NAV.map((k) => ({ key: k, label: <span data-testid={`nav-${k}`}>{t(`nav.${k}`)}</span> }));
  const go = ({ key }: { key: string }) => {
    setDrawer(false);
    navigate(pathOf(key as (typeof NAV)[number]));
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <header className="cg-header">
        {!wide && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.openMenu')} onClick={() => setDrawer(true)} data-testid="nav-toggle" />}
        <Logo />
        {wide ? (
          <Menu className="cg-header-nav" mode="horizontal" selectedKeys={[selected]} items={items} onClick={go} />
        ) : (
          <span className="cg-spacer" />
        )}
        <div className="cg-header-right">
          <DistrictClock minWidth="xl" dateFrom="xxl" />
          <LanguageSwitch />
          {user ? (
            <>
              <NotificationBell />
              <UserMenu />
            </>
          ) : (
            <Space size={4}>
              <Link to="/login">
                <Button type="text" size="small" data-testid="nav-login">{t('nav.login')}</Button>
              </Link>
              {wide && (
                <Link to="/register">
                  <Button type="primary" size="small" data-testid="nav-register">{t('nav.register')}</Button>
                </Link>
              )}
            </Space>
          )}
        </div>
      </header>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={260} title={<Logo />}>
        <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={go} style={{ borderInlineEnd: 'none' }} />
        {!user && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Button block type="primary" onClick={() => { setDrawer(false); navigate('/register'); }}>{t('nav.register')}</Button>
          </Space>
        )}
        <div style={{ marginTop: 16 }}><DistrictClock minWidth="none" dateFrom="none" testId="drawer-district-clock" /></div>
      </Drawer>
      <Layout.Content>
        <Outlet />
      </Layout.Content>
      <footer className="cg-footer">
        <div>{t('footer.about')}</div>
        <div>{t('footer.openSource')}</div>
      </footer>
    </Layout>
  );
}
