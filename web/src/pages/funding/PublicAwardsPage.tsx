import { Alert, Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { usePublicAwards } from './api';
import { KindTag, yuan } from './format';

/** Public: award lists during their notice (公示) and once final. */
export function PublicAwardsPage() {
  const { t } = useTranslation();
  const q = usePublicAwards();
  return (
    <div style={{ maxWidth: 1100, margin: '24px auto', padding: '0 16px' }} data-testid="public-awards">
      <Typography.Title level={2}>{t('funding.publicTitle')}</Typography.Title>
      <Alert type="info" showIcon message={t('funding.publicPage.intro')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={q.error} />
      {q.isPending && <Skeleton active />}
      {q.data && q.data.items.length === 0 && <Empty description={t('funding.publicPage.empty')} />}
      <Flex vertical gap={16}>
        {q.data?.items.map((c) => (
          <Card key={c.callId} size="small" data-testid={`public-call-${c.callId}`} title={<>{c.title} <KindTag kind={c.kind} /> {c.final ? <Tag color="purple">{t('funding.notice.final')}</Tag> : <Tag color="orange">{t('funding.notice.during', { at: formatDateTime(c.noticeEndsAt) })}</Tag>}</>}>
            <Table
              rowKey="applicationId"
              size="small"
              pagination={false}
              dataSource={c.awards}
              columns={[
                { title: t('funding.application.rank'), dataIndex: 'rank', width: 64 },
                { title: t('funding.application.applicant'), dataIndex: 'organisation' },
                { title: t('funding.apply.title'), dataIndex: 'title' },
                { title: t('funding.publicPage.score'), dataIndex: 'score', align: 'right' },
                { title: t('funding.application.award'), dataIndex: 'awardFen', align: 'right', render: (v: number) => `${yuan(v)} ${t('funding.yuan')}` },
              ]}
            />
          </Card>
        ))}
      </Flex>
    </div>
  );
}
