import { useState } from 'react';
import { Badge, Button, Card, List, Switch, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMarkAllRead, useMarkRead, useNotifications } from '../../api/hooks/notifications';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';

export function Notifications() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const fail = useErrorToast();

  const open = (n: { id: string; link: string | null; readAt: string | null }) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: fail });
    // Only in-app links are followed; anything else could lead off-site.
    if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) navigate(n.link);
  };

  return (
    <>
      <PageTitle
        title={t('notifications.title')}
        extra={
          <>
            <Space>
              <Switch checked={unreadOnly} onChange={setUnreadOnly} size="small" />
              {t('notifications.unreadOnly')}
            </Space>
            <Button
              onClick={() => markAll.mutate(undefined, { onError: fail })}
              loading={markAll.isPending}
              disabled={!list.data?.unreadCount}
              data-testid="notifications-read-all"
            >
              {t('notifications.markAllRead')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={list.error} />
      <Card>
        <List
          loading={list.isPending}
          locale={{ emptyText: t('notifications.empty') }}
          dataSource={list.data?.items ?? []}
          renderItem={(n) => (
            <List.Item
              data-testid="notification-item"
              actions={[
                n.link ? (
                  <Button key="open" type="link" size="small" onClick={() => open(n)}>
                    {t('notifications.open')}
                  </Button>
                ) : null,
                !n.readAt ? (
                  <Button key="read" size="small" onClick={() => markRead.mutate(n.id, { onError: fail })}>
                    {t('notifications.markRead')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
