import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../api/hooks/notifications';
import { useSession } from '../session/SessionContext';

export function NotificationBell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const q = useUnreadCount(!!user && !user.mustChangePassword);
  if (!user) return null;
  return (
    <Link to="/console/notifications" aria-label={t('notifications.bell')} data-testid="notification-bell">
      <Badge count={q.data?.unreadCount ?? 0} size="small" overflowCount={99}>
        <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} />
      </Badge>
    </Link>
  );
}
