import { ApartmentOutlined, BankOutlined, ClusterOutlined, ExperimentOutlined, FlagOutlined, NotificationOutlined, RocketOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KIND_PATH, type RegistryKind } from '@shared/contracts/registries.js';

type Entry = { key: string; to: string; title: string; body: string; icon: ReactNode };

/** 创新服务: the public directories of the innovation ecosystem, one card each, and the funding award notices. */
export function ServicesHub() {
  const { t } = useTranslation();
  const registry = (kind: RegistryKind, icon: ReactNode): Entry => ({
    key: kind,
    to: `/directory/${KIND_PATH[kind]}`,
    title: t(`registries.kinds.${kind}`),
    body: t(`services.${kind}`),
    icon,
  });
  const entries: Entry[] = [
    registry('institution', <BankOutlined />),
    registry('broker', <TeamOutlined />),
    { key: 'facilities', to: '/facilities', title: t('facilities.title'), body: t('services.facilities'), icon: <ExperimentOutlined /> },
    registry('space', <RocketOutlined />),
    registry('alliance', <ApartmentOutlined />),
    registry('demo_zone', <FlagOutlined />),
    registry('platform', <ClusterOutlined />),
    { key: 'funding-awards', to: '/funding/awards', title: t('funding.publicTitle'), body: t('services.fundingAwards'), icon: <NotificationOutlined /> },
  ];
  return (
    <div className="cg-content" data-testid="services-hub">
      <Typography.Title level={3}>{t('services.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('services.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {entries.map((e) => (
          <Col key={e.key} xs={24} sm={12} lg={8}>
            <Link to={e.to} data-testid={`services-${e.key}`}>
              <Card hoverable style={{ height: '100%' }}>
                <Card.Meta avatar={<span style={{ fontSize: 28, color: '#1668dc' }}>{e.icon}</span>} title={e.title} description={e.body} />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </div>
  );
}
