import { useEffect, useState } from 'react';
import { DownloadOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, InputNumber, Popconfirm, Progress, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  cancelFeedbackRun,
  createFeedbackRun,
  exportFeedback,
  type FeedbackRunStatus,
  type FeedbackRunView,
  getFeedbackRun,
  listFeedbackRuns,
} from '@shared/contracts/match-feedback.js';
import type { z } from 'zod';
import { api, download } from '../../api/client';
import { districtTime } from '../../components/district-time';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { usePaging } from '../../components/usePaging';
import { useSession } from '../../session/SessionContext';

type Run = z.output<typeof FeedbackRunView>;
type View = NonNullable<Run['result']>;
type Row = View['byDirection'][number];
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const active = (s: FeedbackRunStatus | undefined) => s === 'queued' || s === 'running';
const STATUS_COLOR: Record<FeedbackRunStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error', cancelled: 'warning' };

const root = ['matching', 'feedback-runs'] as const;

/**
 * The latest run and the latest finished one; the active run polled every
 * second while it is queued or running (then the lists are read again).
 */
function useFeedbackRuns(enabled: boolean) {
  const qc = useQueryClient();
  const latest = useQuery({ queryKey: [...root, 'latest'], queryFn: () => api(listFeedbackRuns, { query: { pageSize: 1 } }), enabled });
  const lastDone = useQuery({ queryKey: [...root, 'done'], queryFn: () => api(listFeedbackRuns, { query: { pageSize: 1, status: 'done' } }), enabled });
  const head = latest.data?.items[0];
  const activeId = head && active(head.status) ? head.id : null;
  const run = useQuery({
    queryKey: [...root, 'run', activeId],
    queryFn: () => api(getFeedbackRun, { params: { id: activeId! }, background: true }),
    enabled: enabled && !!activeId,
    refetchInterval: (q) => (active(q.state.data?.status) || !q.state.data ? 1000 : false),
  });
  const polled = run.data && run.data.id === activeId ? run.data : null;
  // The active run ended: read the lists again (its figures, or why it stopped).
  useEffect(() => {
    if (polled && !active(polled.status)) void qc.invalidateQueries({ queryKey: [...root] });
  }, [polled?.status]); // eslint-disable-line react-hooks/exhaustive-deps
  const current = polled ?? head ?? null;
  const done = current?.status === 'done' ? current : (lastDone.data?.items[0] ?? null);
  return { current, done, error: latest.error ?? lastDone.error ?? run.error, loading: latest.isLoading };
}

/**
 * The engine measured against users' feedback (POST/GET
 * /api/v1/match/feedback/evaluations): the judged queries matched again with
 * the deployed configuration, in the background. For the bureau beside the
 * funnel: start a run (重新评估), watch its progress, cancel it; the latest
 * finished run's figures are shown with when it ran (北京时间). The feedback
 * itself downloads for offline work.
 */
export function FeedbackQuality({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { hasPermission } = useSession();
  const allowed = hasPermission('export:match_feedback');
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const [maxQueries, setMaxQueries] = useState(100);
  const { current, done, error, loading } = useFeedbackRuns(allowed);
  const start = useMutation({
    mutationFn: () => api(createFeedbackRun, { body: { ...range, maxQueries } }),
    onSuccess: (r) => {
      if (!r.created) void message.info(t('cases.quality.alreadyRunning'));
      void qc.invalidateQueries({ queryKey: [...root] });
    },
    onError: fail,
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api(cancelFeedbackRun, { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...root] }),
    onError: fail,
  });
  if (!allowed) return null;
  const running = current && active(current.status) ? current : null;
  const ended = current && (current.status === 'failed' || current.status === 'cancelled') ? current : null;
  const d = done?.result;
  const o = d?.overall;
  return (
    <Card size="small" title={t('cases.quality.title')} data-testid="feedback-quality" extra={
      <Flex gap={8} wrap align="center">
        <Space.Compact size="small">
          <Space.Addon>{t('cases.quality.recent')}</Space.Addon>
          <InputNumber size="small" min={1} max={2000} precision={0} value={maxQueries} onChange={(v) => setMaxQueries(v ?? 100)}
            style={{ width: 80 }} aria-label={t('cases.quality.recent')} data-testid="quality-max" />
        </Space.Compact>
        <Button size="small" type="primary" icon={<ReloadOutlined />} loading={start.isPending} disabled={!!running} onClick={() => start.mutate()} data-testid="quality-start">
          {t('cases.quality.start')}
        </Button>
        {(['csv', 'jsonl'] as const).map((format) => (
          <Button key={format} size="small" icon={<DownloadOutlined />} onClick={() => download(exportFeedback, { ...range, format }, `match-feedback.${format}`).catch(fail)}>
            {t('cases.quality.export')} ({format.toUpperCase()})
          </Button>
        ))}
      </Flex>
    }>
      <ErrorAlert error={error} />
      {running && (
        <Flex vertical gap={4} style={{ marginBottom: 12 }} data-testid="quality-progress">
          <Flex gap={8} align="center" wrap>
            <Typography.Text>
              {running.status === 'queued' || running.totalQueries === null
                ? t('cases.quality.queued')
                : t('cases.quality.progress', { processed: running.processedQueries, total: running.totalQueries })}
            </Typography.Text>
            <Popconfirm title={t('cases.quality.cancelConfirm')} onConfirm={() => cancel.mutateAsync(running.id).catch(() => undefined)}
              okText={t('cases.quality.cancel')} okButtonProps={{ danger: true }} cancelText={t('cases.quality.keepRunning')}>
              <Button size="small" danger icon={<StopOutlined />} loading={cancel.isPending} data-testid="quality-cancel">{t('cases.quality.cancel')}</Button>
            </Popconfirm>
          </Flex>
          {running.resumes > 0 && (
            <Typography.Text type="warning" data-testid="quality-resumed">{t('cases.quality.resumed', { count: running.resumes })}</Typography.Text>
          )}
          <Progress
            percent={running.totalQueries ? Math.floor((running.processedQueries / running.totalQueries) * 100) : 0}
            status="active"
            format={() => (running.totalQueries === null ? '…' : `${running.processedQueries} / ${running.totalQueries}`)}
          />
        </Flex>
      )}
      {ended?.status === 'failed' && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="quality-failed"
          message={t('cases.quality.failed', { at: districtTime(ended.finishedAt) })} description={failureText(ended, t)} />
      )}
      {ended?.status === 'cancelled' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="quality-cancelled"
          message={t('cases.quality.cancelled', { at: districtTime(ended.finishedAt), name: ended.cancelledBy?.name ?? '—' })} />
      )}
      {!loading && !done && !running && <Alert type="info" showIcon message={t('cases.quality.never')} />}
      {done && d && o && (o.queries === 0 ? <Alert type="info" showIcon message={t('cases.quality.none')} /> : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary" data-testid="quality-when">
            {t('cases.quality.when', { at: districtTime(done.finishedAt), name: done.requestedBy?.name ?? '—', period: period(done, t('cases.quality.allTime')) })}
          </Typography.Text>
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
      <RunHistory enabled={allowed} />
    </Card>
  );
}

/** Why a failed run failed, in the reader's language: a stalled run in our words, an error with its message. */
function failureText(run: Run, t: TFunction): string | null {
  if (run.failureReason === 'stalled') return t('cases.quality.failedStalled', { resumes: run.resumes });
  return run.failure ? t('cases.quality.failedError', { failure: run.failure }) : null;
}

/** The feedback period a run evaluated, `allTime` when it had none. */
function period(run: Run, allTime: string): string {
  if (!run.from && !run.to) return allTime;
  return `${run.from ?? '…'} – ${run.to ?? '…'}`;
}

/** Earlier runs, paged (who asked, when, how far it got), folded away until asked for. */
function RunHistory({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const paging = usePaging(5, [5, 10, 20]);
  const q = useQuery({
    queryKey: [...root, 'history', paging.query],
    queryFn: () => api(listFeedbackRuns, { query: paging.query }),
    enabled: enabled && open,
  });
  return (
    <div style={{ marginTop: 12 }}>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(!open)} data-testid="quality-history-toggle">
        {open ? t('cases.quality.historyHide') : t('cases.quality.history')}
      </Button>
      {open && (
        <Table<Run>
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          loading={q.isFetching}
          dataSource={q.data?.items}
          pagination={paging.pagination(q.data?.total)}
          data-testid="quality-history"
          columns={[
            { title: t('cases.quality.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => districtTime(v) },
            {
              title: t('cases.quality.col.status'),
              dataIndex: 'status',
              render: (s: FeedbackRunStatus, r: Run) => {
                const tag = <Tag color={STATUS_COLOR[s]}>{t(`cases.quality.status.${s}`)}</Tag>;
                // Why a run failed, on hovering its tag.
                return s === 'failed' ? <Tooltip title={failureText(r, t)}>{tag}</Tooltip> : tag;
              },
            },
            { title: t('cases.quality.col.requestedBy'), key: 'by', render: (_: unknown, r: Run) => r.requestedBy?.name ?? '—' },
            { title: t('cases.quality.col.period'), key: 'period', render: (_: unknown, r: Run) => period(r, t('cases.quality.allTime')) },
            { title: t('cases.quality.col.progress'), key: 'progress', align: 'right', render: (_: unknown, r: Run) => (r.totalQueries === null ? '—' : `${r.processedQueries} / ${r.totalQueries}`) },
            { title: t('cases.quality.usefulNow'), key: 'usefulNow', align: 'right', render: (_: unknown, r: Run) => pct(r.result?.overall.usefulInTop10Now ?? null) },
            { title: t('cases.quality.mrr'), key: 'mrr', align: 'right', render: (_: unknown, r: Run) => (r.result?.overall.mrrAt10 == null ? '—' : r.result.overall.mrrAt10.toFixed(3)) },
            { title: t('cases.quality.col.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => districtTime(v) },
          ]}
        />
      )}
    </div>
  );
}
