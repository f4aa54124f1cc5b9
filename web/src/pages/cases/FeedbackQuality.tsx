import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { exportFeedback, type FeedbackEvaluationView } from '@shared/contracts/matching.js';
import type { z } from 'zod';
import { download } from '../../api/client';
import { useFeedbackEvaluation } from '../../api/hooks/matching';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { useSession } from '../../session/SessionContext';

type View = z.output<typeof FeedbackEvaluationView>;
type Row = View['byDirection'][number];
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The engine measured against users' feedback (GET /api/v1/match/feedback/evaluation):
 * the judged queries matched again with the deployed configuration. For the
 * bureau beside the funnel; the feedback itself downloads for offline work.
 */
export function FeedbackQuality({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const { hasPermission } = useSession();
  const allowed = hasPermission('export:match_feedback');
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const q = useFeedbackEvaluation(range, allowed);
  if (!allowed) return null;
  const d = q.data;
  const o = d?.overall;
  return (
    <Card size="small" title={t('cases.quality.title')} data-testid="feedback-quality" extra={
      <Flex gap={8}>
        {(['csv', 'jsonl'] as const).map((format) => (
          <Button key={format} size="small" icon={<DownloadOutlined />} onClick={() => download(exportFeedback, { ...range, format }, `match-feedback.${format}`).catch(fail)}>
            {t('cases.quality.export')} ({format.toUpperCase()})
          </Button>
        ))}
      </Flex>
    }>
      <ErrorAlert error={q.error} />
      {q.isFetching && (
        <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
          <Spin size="small" />
          <Typography.Text type="secondary">{t('cases.quality.running')}</Typography.Text>
        </Flex>
      )}
      {d && o && (o.queries === 0 ? <Alert type="info" showIcon message={t('cases.quality.none')} /> : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('cases.quality.help', { depth: d.depth })}</Typography.Text>
          <Flex gap={24} wrap>
            <Statistic title={t('cases.quality.queries')} value={o.queries} />
            <Statistic title={t('cases.quality.judged')} value={`${o.useful} / ${o.notUseful}`} />
            <Statistic title={t('cases.quality.usefulThen')} value={pct(o.usefulInTop10Then)} />
            <div data-testid="quality-useful-now"><Statistic title={t('cases.quality.usefulNow')} value={pct(o.usefulInTop10Now)} /></div>
            <Statistic title={t('cases.quality.notUsefulNow')} value={pct(o.notUsefulInTop10Now)} />
            <Statistic title={t('cases.quality.pairOrder')} value={pct(o.pairOrder)} />
            <Statistic title={t('cases.quality.mrr')} value={o.mrrAt10 === null ? '—' : o.mrrAt10.toFixed(3)} />
          </Flex>
          <Table<Row>
            rowKey="direction"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={d.byDirection}
            columns={[
              { title: t('cases.quality.direction'), dataIndex: 'direction', render: (v: Row['direction']) => t(`cases.quality.directions.${v}`) },
              { title: t('cases.quality.queries'), dataIndex: 'queries', align: 'right' },
              { title: t('cases.quality.judged'), key: 'judged', align: 'right', render: (_: unknown, r: Row) => `${r.useful} / ${r.notUseful}` },
              { title: t('cases.quality.usefulNow'), dataIndex: 'usefulInTop10Now', align: 'right', render: pct },
              { title: t('cases.quality.notUsefulNow'), dataIndex: 'notUsefulInTop10Now', align: 'right', render: pct },
              { title: t('cases.quality.pairOrder'), dataIndex: 'pairOrder', align: 'right', render: pct },
            ]}
          />
          {(d.skippedQueries > 0 || d.omittedQueries > 0) && (
            <Typography.Text type="secondary">{t('cases.quality.skipped', { skipped: d.skippedQueries, omitted: d.omittedQueries })}</Typography.Text>
          )}
        </Flex>
      ))}
    </Card>
  );
}
