import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, InputNumber, Modal, Popconfirm, Progress, Skeleton, Space, Statistic, Table, Tabs, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as f from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { download } from '../../api/client';
import { EChart } from '../../components/EChart';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useApplications, useCall, useFundingMutations, useRanking } from './api';
import { ApplyModal } from './ApplyModal';
import { CallStatusTag, KindTag, toFen, yuan } from './format';
import { NoticePanel } from './NoticePanel';
import { ApplicationsTable } from './tables';

type Call = z.infer<typeof f.CallView>;
type Row = z.infer<typeof f.RankingView>['items'][number];

const NEXT: Record<string, { to: 'open' | 'review' | 'notice' | 'awarded'; label: 'open' | 'closeReview' | 'publish' | 'finalise' }> = {
  draft: { to: 'open', label: 'open' },
  open: { to: 'review', label: 'closeReview' },
  review: { to: 'notice', label: 'publish' },
  notice: { to: 'awarded', label: 'finalise' },
};

/** One call: its rules and budget; for the bureau its applications, ranking with awards, notice and objections. */
export function CallPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const { hasPermission } = useSession();
  const q = useCall(id);
  const m = useFundingMutations();
  const fail = useErrorToast();
  const [applying, setApplying] = useState(false);
  const bureau = hasPermission('review:funding_application');
  const c = q.data;
  if (!c) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const next = NEXT[c.status];
  const rules = c.eligibility as { orgTypes?: string[]; regionPrefixes?: string[]; verifiedOnly?: boolean; maxRequestFen?: number | null };
  const tabs = [
    ...(bureau ? [{ key: 'applications', label: t('funding.call.applications'), children: <CallApplications callId={c.id} /> }] : []),
    ...(bureau && ['review', 'notice', 'awarded'].includes(c.status) ? [{ key: 'ranking', label: t('funding.ranking.title'), children: <RankingPanel call={c} /> }] : []),
    ...(['notice', 'awarded'].includes(c.status) ? [{ key: 'notice', label: t('funding.notice.title'), children: <NoticePanel call={c} /> }] : []),
  ];
  return (
    <div data-testid="call-page">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/console/funding">{t('funding.title')}</Link> }, { title: c.title }]} />
      <PageTitle
        title={<>{c.title} <KindTag kind={c.kind} /> <CallStatusTag status={c.status} /></>}
        extra={
          <Space>
            {hasPermission('create:funding_application') && c.status === 'open' && <Button type="primary" onClick={() => setApplying(true)} data-testid="call-apply">{t('funding.apply.button')}</Button>}
            {hasPermission('manage:funding_call') && next && (
              <Popconfirm title={t('funding.call.confirmMove', { action: t(`funding.call.${next.label}`) })} onConfirm={() => m.moveCall.mutateAsync({ id: c.id, to: next.to }).catch(fail)} okButtonProps={{ 'data-testid': 'move-confirm' } as never}>
                <Button type="primary" loading={m.moveCall.isPending} data-testid={`move-${next.to}`}>{t(`funding.call.${next.label}`)}</Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Flex vertical gap={16}>
        {c.openObjections > 0 && <Alert type="warning" showIcon message={t('funding.call.objectionsOpen', { n: c.openObjections })} />}
        <Card size="small">
          <Flex gap={32} wrap>
            <Statistic title={t('funding.call.budget')} value={yuan(c.budgetFen)} />
            <Statistic title={t('funding.call.awarded')} value={yuan(c.awardedFen)} />
            <Statistic title={t('funding.call.remaining')} value={yuan(c.remainingFen)} valueStyle={{ color: c.remainingFen < 0 ? '#cf1322' : undefined }} />
            <div style={{ minWidth: 220, flex: 1 }}>
              <div style={{ color: 'rgba(0,0,0,.45)' }}>{t('funding.call.budgetUse')}</div>
              <Progress percent={Math.round((c.awardedFen / c.budgetFen) * 100)} data-testid="budget-progress" />
            </div>
          </Flex>
        </Card>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'w', label: t('funding.call.window'), children: `${formatDateTime(c.opensAt)} – ${formatDateTime(c.closesAt)}` },
            { key: 'r', label: t('funding.call.reviewDeadline'), children: formatDateTime(c.reviewDeadline) },
            { key: 'o', label: t('funding.call.orgTypes'), children: (rules.orgTypes ?? []).map((o) => t(`orgTypes.${o as 'enterprise'}`)).join('、') || '—' },
            { key: 'g', label: t('funding.call.regions'), children: (rules.regionPrefixes ?? []).join('、') || '—' },
            { key: 'v', label: t('funding.call.verifiedOnly'), children: rules.verifiedOnly === false ? '✗' : '✓' },
            { key: 'm', label: t('funding.call.maxRequest'), children: rules.maxRequestFen ? yuan(rules.maxRequestFen) : '—' },
            { key: 'd', label: t('funding.call.requiredDocuments'), children: c.requiredDocuments.join('、') || '—' },
            { key: 'n', label: t('funding.call.noticeDays'), children: c.noticeEndsAt ? `${c.noticeDays}（${t('funding.call.noticeEnds')} ${formatDateTime(c.noticeEndsAt)}）` : c.noticeDays },
            { key: 's', label: t('funding.call.scoreForm'), span: 2, children: c.scoreForm.map((i) => `${i.label} ${i.max}`).join('；') },
            ...(c.description ? [{ key: 'x', label: t('funding.call.description'), span: 2, children: c.description }] : []),
          ]} />
        </Card>
        {tabs.length > 0 && <Tabs items={tabs} activeKey={openTab(c.status, tabs.map((x) => x.key), search.get('tab'))} onChange={(k) => setSearch({ tab: k }, { replace: true })} destroyOnHidden data-testid="call-tabs" />}
      </Flex>
      {applying && <ApplyModal call={c} onClose={() => setApplying(false)} />}
    </div>
  );
}

/**
 * The tab a call page opens on (unless the address names one it has): the
 * step the call is at. Applications while it is open (and for disbursement and
 * acceptance once the list is final), the ranking while experts review, the
 * notice and its objections while it is published.
 */
export function openTab(status: string, keys: readonly string[], asked: string | null): string {
  if (asked && keys.includes(asked)) return asked;
  const wanted = status === 'review' ? 'ranking' : status === 'notice' ? 'notice' : 'applications';
  return keys.includes(wanted) ? wanted : keys[keys.length - 1]!;
}

function CallApplications({ callId }: { callId: string }) {
  const apps = useApplications(callId);
  return <><ErrorAlert error={apps.error} /><ApplicationsTable items={apps.data?.items ?? []} loading={apps.isFetching} showCall={false} testId="call-applications" /></>;
}

/** Ranking with aggregated scores (chart and table), the award list within the budget, and its XLSX export. */
function RankingPanel({ call }: { call: Call }) {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const q = useRanking(call.id);
  const m = useFundingMutations();
  const fail = useErrorToast();
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  const [adding, setAdding] = useState<Row | null>(null);
  const [addAmount, setAddAmount] = useState<number | null>(null);
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const deciding = call.status === 'review' && hasPermission('award:funding_application');
  const amountOf = (r: Row) => (r.applicationId in draft ? draft[r.applicationId] : r.awardFen !== null ? r.awardFen / 100 : null);
  const planned = deciding ? items.reduce((s, r) => s + toFen(amountOf(r) ?? 0), 0) : (q.data?.awardedFen ?? 0);
  const remaining = call.budgetFen - planned;
  const ranked = items.filter((r) => r.rank !== null);
  const chart = {
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', name: t('funding.ranking.chart') },
    yAxis: { type: 'category', inverse: true, data: ranked.map((r) => `${r.rank}. ${r.organisation}`) },
    series: [{ type: 'bar', data: ranked.map((r) => ({ value: r.score, itemStyle: { color: r.awardFen !== null ? '#52c41a' : r.withdrawn ? '#ff4d4f' : '#1677ff' } })), label: { show: true, position: 'right' } }],
  };
  const save = () => {
    const awards = items.filter((r) => (amountOf(r) ?? 0) > 0).map((r) => ({ applicationId: r.applicationId, amountFen: toFen(amountOf(r)!) }));
    m.award.mutateAsync({ id: call.id, body: { awards } }).then(() => setDraft({})).catch(fail);
  };
  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={q.error} />
      <Flex gap={12} align="center" wrap>
        <Tag color={remaining < 0 ? 'red' : 'blue'} data-testid="remaining-budget">{t('funding.call.remaining')}：{yuan(remaining)}</Tag>
        {deciding && <Button type="primary" onClick={save} loading={m.award.isPending} disabled={remaining < 0} data-testid="awards-save">{t('funding.ranking.save')}</Button>}
        <Button icon={<DownloadOutlined />} onClick={() => download(f.rankingExport, undefined, 'ranking.xlsx', { id: call.id }).catch(fail)} data-testid="ranking-export">{t('funding.ranking.export')}</Button>
      </Flex>
      {ranked.length > 0 && <EChart option={chart} height={Math.max(160, ranked.length * 36 + 40)} testId="ranking-chart" />}
      <Table<Row>
        rowKey="applicationId"
        size="small"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={items}
        pagination={false}
        data-testid="ranking-table"
        columns={[
          { title: t('funding.application.rank'), dataIndex: 'rank', width: 64, render: (r: number | null) => r ?? '—' },
          { title: t('funding.application.applicant'), dataIndex: 'organisation' },
          { title: t('funding.apply.title'), key: 't', render: (_, r) => <Link to={`/console/funding/applications/${r.applicationId}`}>{r.title}</Link> },
          { title: t('funding.application.score'), dataIndex: 'score', align: 'right', render: (s: number | null) => s ?? '—' },
          { title: t('funding.ranking.scoresCount'), dataIndex: 'scoresCount', align: 'right' },
          { title: t('funding.ranking.requested'), key: 'q', align: 'right', render: (_, r) => yuan(r.requestedFen) },
          {
            title: t('funding.ranking.award'),
            key: 'a',
            align: 'right',
            render: (_, r) =>
              deciding && r.status === 'ranked' ? (
                <InputNumber min={0} max={r.requestedFen / 100} precision={2} value={amountOf(r)} onChange={(v) => setDraft({ ...draft, [r.applicationId]: v })} data-testid={`award-${r.applicationId}`} />
              ) : r.withdrawn ? <Tag color="red">{t('funding.ranking.withdrawn')}</Tag> : yuan(r.awardFen),
          },
          ...(call.status === 'notice' && hasPermission('award:funding_application')
            ? [{ title: '', key: 'add', render: (_: unknown, r: Row) => (r.status === 'ranked' && r.awardFen === null && !r.withdrawn && r.rank !== null ? <Button size="small" onClick={() => { setAdding(r); setAddAmount(Math.min(r.requestedFen, q.data?.remainingFen ?? 0) / 100); }} data-testid={`add-award-${r.applicationId}`}>{t('funding.ranking.addAward')}</Button> : null) }]
            : []),
        ]}
      />
      {adding && (
        <Modal open title={`${t('funding.ranking.addAward')}：${adding.title}`} onCancel={() => setAdding(null)} onOk={() => m.addAward.mutateAsync({ id: call.id, body: { applicationId: adding.applicationId, amountFen: toFen(addAmount ?? 0) } }).then(() => setAdding(null)).catch(fail)} confirmLoading={m.addAward.isPending}>
          <p>{t('funding.call.remaining')}：{yuan(q.data?.remainingFen ?? 0)}</p>
          <InputNumber min={0.01} max={adding.requestedFen / 100} precision={2} value={addAmount} onChange={setAddAmount} style={{ width: '100%' }} />
        </Modal>
      )}
    </Flex>
  );
}
