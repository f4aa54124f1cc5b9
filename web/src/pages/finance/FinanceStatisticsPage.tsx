import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FINANCE_KINDS, financeExport, type FinanceKind, type FinanceStatistics } from '@shared/contracts/finance.js';
import { download } from '../../api/client';
import { formatFen } from '../../catalog/money';
import { useLocale } from '../../catalog/locale';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { districtYear } from '../../components/district-time';
import { useFinanceStatistics } from './hooks';

const wan = (fen: number) => Math.round(fen / 100) / 10000;

/**
 * Verified S&T financing by the year signed and kind: totals, a stacked bar
 * of amounts by kind with the record count, tables, and the verified records
 * as XLSX (filtered by year and kind).
 */
export function FinanceStatisticsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fail = useErrorToast();
  const thisYear = districtYear();
  const [fromYear, setFromYear] = useState(thisYear - 4);
  const [toYear, setToYear] = useState(thisYear);
  const [kind, setKind] = useState<FinanceKind | undefined>();
  const [exportYear, setExportYear] = useState<number | undefined>(thisYear);
  const q = useFinanceStatistics({ fromYear, toYear, kind });
  const s: FinanceStatistics | undefined = q.data;
  const years = Array.from({ length: 15 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y}` }));

  const chart = useMemo((): EChartOption | null => {
    if (!s) return null;
    const cats = s.byYear.map((y) => String(y.year));
    const kinds = FINANCE_KINDS.filter((k) => s.rows.some((r) => r.kind === k));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: cats },
      yAxis: [{ type: 'value', name: t('common.tenThousandYuan') }, { type: 'value', name: t('finance.stats.chartCount'), minInterval: 1 }],
      series: [
        ...kinds.map((k) => ({ name: t(`finance.kind.${k}`), type: 'bar', stack: 'amount', data: s.byYear.map((y) => wan(s.rows.find((r) => r.year === y.year && r.kind === k)?.amountFen ?? 0)) })),
        { name: t('finance.stats.chartCount'), type: 'line', yAxisIndex: 1, data: s.byYear.map((y) => y.count) },
      ],
    };
  }, [s, t]);

  return (
    <div data-testid="finance-statistics">
      <PageTitle title={t('finance.stats.title')} extra={
        <Flex gap={8} wrap>
          <Select value={fromYear} onChange={setFromYear} style={{ width: 100 }} options={years.filter((y) => y.value <= toYear)} aria-label={t('finance.stats.fromYear')} data-testid="stats-from" />
          <Select value={toYear} onChange={setToYear} style={{ width: 100 }} options={years.filter((y) => y.value >= fromYear)} aria-label={t('finance.stats.toYear')} data-testid="stats-to" />
          <Select allowClear placeholder={t('finance.fields.allKinds')} value={kind} onChange={(v: FinanceKind | undefined) => setKind(v)} style={{ width: 170 }}
            options={FINANCE_KINDS.map((k) => ({ value: k, label: t(`finance.kind.${k}`) }))} data-testid="stats-kind" />
        </Flex>
      } />
      <ErrorAlert error={q.error} />
      {s && chart && (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('finance.stats.count')} value={s.totals.count} valueRender={(n) => <span data-testid="stats-count">{n}</span>} /></Card></Col>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('finance.stats.amount')} value={formatFen(s.totals.amountFen, locale)} valueRender={(n) => <span data-testid="stats-amount">{n}</span>} /></Card></Col>
            <Col xs={12} md={5}><Card size="small"><Statistic title={t('finance.stats.premium')} value={formatFen(s.totals.premiumFen, locale)} /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title={t('finance.stats.enterprises')} value={s.totals.enterprises} valueRender={(n) => <span data-testid="stats-enterprises">{n}</span>} /></Card></Col>
            <Col xs={24} md={5}><Card size="small"><Statistic title={t('finance.stats.subsidy')} value={formatFen(s.totals.subsidyRequestedFen, locale)} /></Card></Col>
          </Row>
          <Typography.Text type="secondary">{t('finance.stats.basis')}</Typography.Text>
          <Card size="small" title={t('finance.stats.byYear')}><EChart option={chart} height={320} testId="finance-chart" /></Card>
          <div className="cg-grid-2" style={{ rowGap: 16 }}>
            <Card size="small" title={t('finance.stats.byKind')}>
              <Table size="small" rowKey="kind" pagination={false} dataSource={s.byKind} data-testid="stats-by-kind"
                columns={[
                  { title: t('finance.fields.kind'), dataIndex: 'kind', render: (k: FinanceKind) => t(`finance.kind.${k}`) },
                  { title: t('finance.stats.count'), dataIndex: 'count', align: 'right' },
                  { title: t('finance.stats.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v, locale) },
                  { title: t('finance.stats.premium'), dataIndex: 'premiumFen', align: 'right', render: (v: number) => (v ? formatFen(v, locale) : '—') },
                ]} />
            </Card>
            <Card size="small" title={t('finance.stats.byYear')}>
              <Table size="small" rowKey="year" pagination={false} dataSource={s.byYear}
                columns={[
                  { title: t('finance.stats.year'), dataIndex: 'year' },
                  { title: t('finance.stats.count'), dataIndex: 'count', align: 'right' },
                  { title: t('finance.stats.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v, locale) },
                  { title: t('finance.stats.enterprises'), dataIndex: 'enterprises', align: 'right' },
                ]} />
            </Card>
          </div>
          <Card size="small" title={t('finance.stats.export')}>
            <Flex gap={8} wrap>
              <Select allowClear placeholder={t('finance.fields.allYears')} value={exportYear} onChange={(v: number | undefined) => setExportYear(v)} style={{ width: 130 }} options={years} aria-label={t('finance.stats.exportYear')} />
              <Button icon={<DownloadOutlined />} data-testid="finance-export" onClick={() => download(financeExport, { year: exportYear, kind }, 'finance-records.xlsx').catch(fail)}>{t('finance.stats.export')}</Button>
            </Flex>
          </Card>
        </Flex>
      )}
    </div>
  );
}
