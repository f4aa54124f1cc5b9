import { DownOutlined, LogoutOutlined, UserOutlined, AppstoreOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext';
import { useSuccessToast } from './feedback';

export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  const success = useSuccessToast();
  if (!user) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'console', icon: <AppstoreOutlined />, label: <span data-testid="user-menu-console">{t('userMenu.console')}</span> },
          { key: 'profile', icon: <UserOutlined />, label: <span data-testid="user-menu-profile">{t('userMenu.profile')}</span> },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('userMenu.logout')}</span> },
        ],
        onClick: ({ key }) => {
          if (key === 'console') navigate('/console');
          else if (key === 'profile') navigate('/console/profile');
          else if (key === 'logout')
            void signOut().then(() => {
              success(t('userMenu.loggedOut'));
              navigate('/', { replace: true });
            });
        },
      }}
    >
      <Button type="text" data-testid="user-menu" icon={<UserOutlined />}>
        <span className="cg-username">{user.displayName}</span> <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
