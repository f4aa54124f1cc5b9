import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { contractStatisticsExport, type StatGroup, type Statistics } from '@shared/contracts/contracts.js';
import { download } from '../../api/client';
import { formatFen } from '../../catalog/money';
import { useLocale } from '../../catalog/locale';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useContractStatistics } from './hooks';
import { districtYear } from '../../components/district-time';

const wan = (fen: number) => Math.round(fen / 100) / 10000;

/** Bars of the technical amount (万元) with the contract count on a second axis. */
function barsOf(groups: StatGroup[], names: { tech: string; count: string; unit: string }, horizontal = false): EChartOption {
  const cat = { type: 'category', data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: !horizontal && groups.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' } };
  const val = [{ type: 'value', name: names.unit }, { type: 'value', name: names.count, minInterval: 1 }];
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: horizontal ? val[0] : cat,
    yAxis: horizontal ? cat : val,
    series: [
      { name: names.tech, type: 'bar', data: groups.map((g) => wan(g.techFen)) },
      ...(horizontal ? [] : [{ name: names.count, type: 'line', yAxisIndex: 1, data: groups.map((g) => g.contracts) }]),
    ],
  };
}

function GroupTable({ groups, title }: { groups: StatGroup[]; title: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table<StatGroup> size="small" rowKey="key" pagination={groups.length > 10 ? { pageSize: 10 } : false} dataSource={groups}
      columns={[
        { title, dataIndex: 'label' },
        { title: t('contracts.stats.contracts'), dataIndex: 'contracts', align: 'right' },
        { title: t('contracts.stats.contractAmount'), dataIndex: 'contractFen', align: 'right', render: (v: number) => formatFen(v, locale) },
        { title: t('contracts.stats.techAmount'), dataIndex: 'techFen', align: 'right', render: (v: number) => formatFen(v, locale) },
      ]} />
  );
}

/** Registered technology contracts by period and dimension, on charts and tables, exportable to Excel. */
export function StatisticsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fail = useErrorToast();
  const thisYear = districtYear();
  const [year, setYear] = useState(thisYear);
  const q = useContractStatistics({ year });
  const s: Statistics | undefined = q.data;
  const charts = useMemo(() => {
    if (!s) return null;
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const byMonth = months.map((k) => s.byMonth.find((g) => g.key === k) ?? { key: k, label: k, contracts: 0, contractFen: 0, techFen: 0 });
    const names = { tech: t('contracts.stats.techAmount'), count: t('contracts.stats.contracts'), unit: t('common.tenThousandYuan') };
    return { month: barsOf(byMonth, names), type: barsOf(s.byType, names), flow: barsOf(s.byFlow, names), field: barsOf(s.byTechField.slice(0, 10), names, true) };
  }, [s, year, t]);
  return (
    <div data-testid="contract-statistics">
      <PageTitle title={t('contracts.stats.title')} extra={
        <Flex gap={8}>
          <Select value={year} onChange={setYear} style={{ width: 110 }} options={Array.from({ length: 8 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}` }))} data-testid="stats-year" />
          <Button icon={<DownloadOutlined />} onClick={() => download(contractStatisticsExport, { year }, 'contract-statistics.xlsx').catch(fail)} data-testid="stats-export">{t('contracts.stats.export')}</Button>
        </Flex>
      } />
      <ErrorAlert error={q.error} />
      {s && charts && (
        <Flex vertical gap={16}>
          <Row gutter={16}>
            <Col xs={24} md={8}><Card size="small"><Statistic title={t('contracts.stats.contracts')} value={s.totals.contracts} valueRender={(n) => <span data-testid="stats-count">{n}</span>} /></Card></Col>
            <Col xs={24} md={8}><Card size="small"><Statistic title={t('contracts.stats.contractAmount')} value={formatFen(s.totals.contractFen, locale)} /></Card></Col>
            <Col xs={24} md={8}><Card size="small"><Statistic title={t('contracts.stats.techAmount')} value={formatFen(s.totals.techFen, locale)} valueRender={(n) => <span data-testid="stats-tech">{n}</span>} /></Card></Col>
          </Row>
          <Typography.Text type="secondary">{t('contracts.stats.basis')}</Typography.Text>
          <Card size="small" title={t('contracts.stats.byMonth')}><EChart option={charts.month} height={300} testId="stats-month-chart" /></Card>
          <div className="cg-grid-2" style={{ rowGap: 16 }}>
            <Card size="small" title={t('contracts.stats.byType')}><EChart option={charts.type} height={260} /><GroupTable groups={s.byType} title={t('contracts.fields.type')} /></Card>
            <Card size="small" title={t('contracts.stats.byFlow', { region: s.districtRegion.name })}><EChart option={charts.flow} height={260} /><GroupTable groups={s.byFlow} title={t('contracts.stats.group')} /></Card>
            <Card size="small" title={t('contracts.stats.byField')}><EChart option={charts.field} height={300} /><GroupTable groups={s.byTechField} title={t('contracts.fields.techField')} /></Card>
            <Card size="small" title={t('contracts.stats.byIndustry')}><GroupTable groups={s.byIndustry} title={t('contracts.fields.industrySection')} /></Card>
            <Card size="small" title={t('contracts.stats.byQuarter')}><GroupTable groups={s.byQuarter} title={t('contracts.stats.byQuarter')} /></Card>
            <Card size="small" title={t('contracts.stats.bySubType')}><GroupTable groups={s.bySubType} title={t('contracts.fields.subType')} /></Card>
            <Card size="small" title={t('contracts.stats.bySeller')}><GroupTable groups={s.bySellerRegion} title={t('contracts.stats.bySeller')} /></Card>
            <Card size="small" title={t('contracts.stats.byBuyer')}><GroupTable groups={s.byBuyerRegion} title={t('contracts.stats.byBuyer')} /></Card>
          </div>
        </Flex>
      )}
    </div>
  );
}
