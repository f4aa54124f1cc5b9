import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Radio, Table } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REPORT_GROUPS, reportExport, type ReportView } from '@shared/contracts/vouchers.js';
import { download } from '../../api/client';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useReport } from './api';
import { yuan } from './money';

type Group = (typeof REPORT_GROUPS)[number];
type Row = ReportView['rows'][number];

/** Issued, redeemed, released and paid by programme, month, category, provider or township; budget use as stacked bars; XLSX. */
export function ReportPage() {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const [groupBy, setGroupBy] = useState<Group>('programme');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = { groupBy, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const q = useReport(query);
  const d = q.data;
  const w = (fen: number) => fen / 1_000_000; // 万元

  const budget = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const names = d.budgets.map((b) => b.programme.name);
    const series = [
      ['paid', (b: ReportView['budgets'][number]) => b.balance.paidFen],
      ['payable', (b: ReportView['budgets'][number]) => b.balance.payableFen],
      ['outstanding', (b: ReportView['budgets'][number]) => b.balance.outstandingFen],
      ['available', (b: ReportView['budgets'][number]) => b.balance.availableFen],
    ] as const;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: t('common.tenThousandYuan') },
      yAxis: { type: 'category', data: names },
      series: series.map(([k, f]) => ({ name: t(`vouchers.programme.${k}`), type: 'bar', stack: 'budget', data: d.budgets.map((b) => w(f(b))) })),
    };
  }, [d, t]);

  const bars = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.rows.map((r) => r.label), axisLabel: { interval: 0, rotate: d.rows.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: t('common.tenThousandYuan') },
      series: (['issuedFen', 'redeemedFen', 'paidFen', 'releasedFen'] as const).map((k) => ({ name: t(`vouchers.reportPage.${k.replace('Fen', '') as 'issued'}`), type: 'bar', data: d.rows.map((r) => w(r[k])) })),
    };
  }, [d, t]);

  return (
    <div data-testid="voucher-report-page">
      <PageTitle title={t('vouchers.report')} extra={<Button icon={<DownloadOutlined />} onClick={() => download(reportExport, query, 'vouchers.xlsx').catch(fail)} data-testid="voucher-report-export">{t('vouchers.reportPage.export')}</Button>} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
        <Radio.Group value={groupBy} onChange={(e) => setGroupBy(e.target.value as Group)} optionType="button" data-testid="voucher-report-group"
          options={REPORT_GROUPS.map((g) => ({ value: g, label: t(`vouchers.reportPage.by.${g}`) }))} />
      </Flex>
      <ErrorAlert error={q.error} />
      {d && (
        <Flex vertical gap={16}>
          <div className="cg-grid-2" style={{ rowGap: 16 }}>
            <Card size="small" title={t('vouchers.reportPage.budgetUse')}>{budget && <EChart option={budget} height={260} testId="voucher-budget-chart" />}</Card>
            <Card size="small" title={t(`vouchers.reportPage.by.${d.groupBy}`)}>{bars && <EChart option={bars} height={260} testId="voucher-report-chart" />}</Card>
          </div>
          <Table<Row>
            rowKey="key"
            size="small"
            scroll={{ x: true }}
            pagination={false}
            dataSource={d.rows}
            data-testid="voucher-report-table"
            columns={[
              { title: t(`vouchers.reportPage.by.${d.groupBy}`), dataIndex: 'label' },
              { title: `${t('vouchers.reportPage.issued')} ${t('vouchers.reportPage.count')}`, dataIndex: 'issuedCount', align: 'right' },
              { title: `${t('vouchers.reportPage.issued')} ${t('vouchers.reportPage.amount')}`, dataIndex: 'issuedFen', align: 'right', render: yuan },
              { title: `${t('vouchers.reportPage.redeemed')} ${t('vouchers.reportPage.amount')}`, dataIndex: 'redeemedFen', align: 'right', render: yuan },
              { title: t('vouchers.reportPage.released'), dataIndex: 'releasedFen', align: 'right', render: yuan },
              { title: t('vouchers.reportPage.expired'), dataIndex: 'expiredCount', align: 'right' },
              { title: `${t('vouchers.reportPage.paid')} ${t('vouchers.reportPage.amount')}`, dataIndex: 'paidFen', align: 'right', render: yuan },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><b>{t('vouchers.reportPage.total')}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><b>{d.total.issuedCount}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><b>{yuan(d.total.issuedFen)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right"><b data-testid="report-total-redeemed">{yuan(d.total.redeemedFen)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right"><b>{yuan(d.total.releasedFen)}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right"><b>{d.total.expiredCount}</b></Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right"><b data-testid="report-total-paid">{yuan(d.total.paidFen)}</b></Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Flex>
      )}
    </div>
  );
}
