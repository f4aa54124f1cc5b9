import { Card, Col, List, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNotifications } from '../../api/hooks/notifications';
import { useOrganisation } from '../../api/hooks/organisations';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { RoleTags } from '../../components/Tags';
import { useSession } from '../../session/SessionContext';
import { OrgStatus } from './OrgStatus';

export function Overview() {
  const { t } = useTranslation();
  const { user } = useSession();
  const org = useOrganisation(user?.organisation?.id);
  const unread = useNotifications(true);
  if (!user) return null;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('overview.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('overview.roles')}</Typography.Text> <RoleTags roles={user.roles} />
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          {user.organisation ? (
            <>
              <ErrorAlert error={org.error} />
              {org.data && <OrgStatus org={org.data} />}
              {org.isPending && <Card loading />}
            </>
          ) : (
            <Card>
              <Typography.Text type="secondary">{t('overview.noOrg')}</Typography.Text>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card
            title={t('overview.unreadTitle')}
            extra={<Link to="/console/notifications">{t('overview.viewAll')}</Link>}
            loading={unread.isPending}
          >
            <List
              locale={{ emptyText: t('overview.noUnread') }}
              dataSource={(unread.data?.items ?? []).slice(0, 5)}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta title={n.title} description={<span>{formatDateTime(n.createdAt)}</span>} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
