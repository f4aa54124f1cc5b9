import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Radio, Table } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FUNNEL_GROUPS, funnelExport, type FunnelView } from '@shared/contracts/matchmaking.js';
import { download } from '../../api/client';
import { useFunnel } from '../../api/hooks/matchmaking';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { FeedbackQuality } from './FeedbackQuality';

type Group = (typeof FUNNEL_GROUPS)[number];
const STAGES = ['shown', 'interest', 'contact', 'negotiation', 'agreement'] as const;
type Row = FunnelView['groups'][number];

/** The bureau's matchmaking funnel: suggestions shown → agreement, as a funnel and grouped bars, exportable. */
export function FunnelPage() {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const [groupBy, setGroupBy] = useState<Group>('month');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = { groupBy, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const q = useFunnel(query);
  const d = q.data;
  const stageName = (s: (typeof STAGES)[number] | 'closed') => t(`cases.funnel.stages.${s}`);

  const funnel = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const data = STAGES.filter((s) => d.total[s] !== null).map((s) => ({ name: stageName(s), value: d.total[s] as number }));
    return {
      tooltip: { trigger: 'item' },
      series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '8%', label: { show: true, position: 'inside', formatter: '{b}: {c}' }, data }],
    };
  }, [d, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const bars = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const stages = STAGES.filter((s) => s !== 'shown' || d.groups.some((g) => g.shown !== null));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.groups.map((g) => g.label), axisLabel: { interval: 0, rotate: d.groups.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [...stages, 'closed' as const].map((s) => ({ name: stageName(s), type: 'bar', data: d.groups.map((g) => g[s] ?? 0) })),
    };
  }, [d, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div data-testid="funnel-page">
      <PageTitle title={t('console.menu.funnel')} extra={
        <Button icon={<DownloadOutlined />} onClick={() => download(funnelExport, query, 'funnel.xlsx').catch(fail)} data-testid="funnel-export">{t('plans.dashboard.exportXlsx')}</Button>
      } />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
        <Radio.Group value={groupBy} onChange={(e) => setGroupBy(e.target.value as Group)} optionType="button" data-testid="funnel-group"
          options={FUNNEL_GROUPS.map((g) => ({ value: g, label: t(`cases.funnel.by.${g}`) }))} />
      </Flex>
      <ErrorAlert error={q.error} />
      {d && (
        <Flex vertical gap={16}>
          <div className="cg-grid-2" style={{ rowGap: 16 }}>
            <Card size="small" title={t('cases.funnel.total', { from: d.from, to: d.to })}>{funnel && <EChart option={funnel} height={300} testId="funnel-chart" />}</Card>
            <Card size="small" title={t(`cases.funnel.by.${d.groupBy}`)}>{bars && <EChart option={bars} height={300} testId="funnel-bars" />}</Card>
          </div>
          <Table<Row>
            rowKey={(r) => r.key ?? r.label}
            size="small"
            scroll={{ x: true }}
            pagination={false}
            dataSource={d.groups}
            columns={[
              { title: t(`cases.funnel.by.${d.groupBy}`), dataIndex: 'label' },
              ...[...STAGES, 'closed' as const].map((s) => ({ title: stageName(s), dataIndex: s, align: 'right' as const, render: (v: number | null) => v ?? '—' })),
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><b>{t('cases.funnel.sum')}</b></Table.Summary.Cell>
                {[...STAGES, 'closed' as const].map((s, i) => <Table.Summary.Cell key={s} index={i + 1} align="right"><b>{d.total[s] ?? '—'}</b></Table.Summary.Cell>)}
              </Table.Summary.Row>
            )}
          />
          <FeedbackQuality from={query.from} to={query.to} />
        </Flex>
      )}
    </div>
  );
}
