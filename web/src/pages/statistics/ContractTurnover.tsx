import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicContractSummary } from '@shared/contracts/contracts.js';
import { api } from '../../api/client';
import { formatFen } from '../../catalog/money';
import { EChart } from '../../components/EChart';
import { ErrorAlert } from '../../components/feedback';
import { useTypeLabel } from '../contracts/labels';

/** 万元 with two decimals, for chart axes (fen → 10,000 yuan). */
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

/**
 * 技术合同成交: the registered technology contracts' turnover by year and this
 * year's by type, as the public may see it (the district's yearly target is
 * counted from these registrations).
 */
export function ContractTurnover() {
  const { t, i18n } = useTranslation();
  const typeLabel = useTypeLabel();
  const q = useQuery({ queryKey: ['contracts', 'public-summary'], queryFn: () => api(publicContractSummary), retry: false });
  const d = q.data;
  const latest = d?.years.at(-1);
  const option = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 56, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: d.years.map((y) => String(y.year)) },
        yAxis: { type: 'value', name: t('contracts.publicTurnover.axis') },
        series: [
          { type: 'bar', name: t('contracts.publicTurnover.tech'), data: d.years.map((y) => wan(y.techFen)) },
          { type: 'bar', name: t('contracts.publicTurnover.amount'), data: d.years.map((y) => wan(y.contractFen)) },
        ],
      },
    [d, t],
  );
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!d || !latest) return null;
  return (
    <Card size="small" title={t('contracts.publicTurnover.title')} data-testid="public-contract-turnover">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={24} sm={8}>
          <Statistic title={t('contracts.publicTurnover.count', { year: latest.year })} value={latest.contracts} data-testid="public-contract-count" />
        </Col>
        <Col xs={24} sm={8}>
          <Statistic title={t('contracts.publicTurnover.amountYear', { year: latest.year })} value={formatFen(latest.contractFen, i18n.language)} />
        </Col>
        <Col xs={24} sm={8}>
          <Statistic title={t('contracts.publicTurnover.techYear', { year: latest.year })} value={formatFen(latest.techFen, i18n.language)} data-testid="public-contract-tech" />
        </Col>
      </Row>
      {option && <EChart option={option} height={260} />}
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={d.byType}
        columns={[
          { title: t('contracts.publicTurnover.type', { year: latest.year }), dataIndex: 'key', render: (k: string) => typeLabel(k) },
          { title: t('contracts.publicTurnover.contracts'), dataIndex: 'contracts', align: 'right' },
          { title: t('contracts.publicTurnover.tech'), dataIndex: 'techFen', align: 'right', render: (f: number) => formatFen(f, i18n.language) },
        ]}
      />
    </Card>
  );
}
