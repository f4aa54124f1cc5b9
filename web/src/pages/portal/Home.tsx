import { ApartmentOutlined, AuditOutlined, BankOutlined, ClusterOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext';

const AREAS = [
  { key: 'pooling', icon: <NodeIndexOutlined /> },
  { key: 'market', icon: <AuditOutlined /> },
  { key: 'ecosystem', icon: <ClusterOutlined /> },
  { key: 'funding', icon: <BankOutlined /> },
  { key: 'plan', icon: <ApartmentOutlined /> },
] as const;

export function Home() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <>
      <section className="cg-hero">
        <div className="cg-hero-inner">
          <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>{t('home.eyebrow')}</Typography.Text>
          <h1>{t('home.title')}</h1>
          <p>{t('home.body')}</p>
          <Space wrap style={{ marginTop: 16 }}>
            {user ? (
              <Link to="/console">
                <Button size="large">{t('nav.console')}</Button>
              </Link>
            ) : (
              <>
                <Link to="/register">
                  <Button size="large" data-testid="cta-register">{t('home.ctaRegister')}</Button>
                </Link>
                <Link to="/login">
                  <Button size="large" ghost>{t('home.ctaLogin')}</Button>
                </Link>
              </>
            )}
            <Link to={user ? '/console/demands/new' : '/login?next=%2Fconsole%2Fdemands%2Fnew'}>
              <Button size="large" ghost data-testid="cta-demand">
                {t('home.ctaDemand')}
              </Button>
            </Link>
          </Space>
        </div>
      </section>
      <div className="cg-content">
        <Typography.Title level={3}>{t('home.areasTitle')}</Typography.Title>
        <Row gutter={[16, 16]}>
          {AREAS.map((a) => (
            <Col key={a.key} xs={24} sm={12} lg={8}>
              <Card style={{ height: '100%' }}>
                <Card.Meta
                  avatar={<span style={{ fontSize: 28, color: '#1677ff' }}>{a.icon}</span>}
                  title={t(`home.areas.${a.key}.title`)}
                  description={t(`home.areas.${a.key}.body`)}
                />
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Title level={3} style={{ marginTop: 40 }}>
          {t('home.stepsTitle')}
        </Typography.Title>
        <Card>
          <Steps
            responsive
            items={[
              { title: t('home.steps.register'), status: 'process' },
              { title: t('home.steps.verify'), status: 'wait' },
              { title: t('home.steps.use'), status: 'wait' },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
