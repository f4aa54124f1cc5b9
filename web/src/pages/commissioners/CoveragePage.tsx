import { useMemo, useState } from 'react';
import { Button, Card, Col, Empty, Progress, Row, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/commissioners.js';
import type { CoverageView } from '@shared/contracts/commissioners.js';
import { download } from '../../api/client';
import { districtNow } from '../../components/district-time';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useCoverage, useStatistics } from './api';

type Village = CoverageView['townships'][number]['villages'][number] & { township: string };

/** Which poor villages have a commissioner in post on a date: a map-like grid by township, a table, and service statistics. */
export function CoveragePage() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const [asOf, setAsOf] = useState<Dayjs>(() => districtNow()); // the district's today, whatever the browser's zone
  const day = asOf.format('YYYY-MM-DD');
  const q = useCoverage(day);
  const cov = q.data;
  const rows: Village[] = useMemo(() => (cov?.townships ?? []).flatMap((tw) => tw.villages.map((v) => ({ ...v, township: tw.name }))), [cov]);
  const from = asOf.startOf('year').format('YYYY-MM-DD');
  const stats = useStatistics(from, day, hasPermission('read:service_stats'));
  const chart = useMemo<EChartOption>(() => {
    const ts = stats.data?.byTownship ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('commissioners.fields.logs'), t('commissioners.fields.hours')] },
      xAxis: { type: 'category', data: ts.map((x) => x.township.name) },
      yAxis: { type: 'value' },
      series: [
        { name: t('commissioners.fields.logs'), type: 'bar', data: ts.map((x) => x.logs) },
        { name: t('commissioners.fields.hours'), type: 'bar', data: ts.map((x) => Math.round(x.minutes / 6) / 10) },
      ],
    };
  }, [stats.data, t]);
  const percent = cov ? cov.coverageBasisPoints / 100 : 0;
  return (
    <div data-testid="coverage-page">
      <PageTitle
        title={t('commissioners.coverage.title')}
        extra={
          <Space wrap>
            <span>{t('commissioners.coverage.asOf')}</span>
            <DatePicker value={asOf} onChange={(d) => d && setAsOf(d)} allowClear={false} data-testid="coverage-date" />
            <Button onClick={() => void download(c.coverageExport, { asOf: day }, 'coverage.xlsx')}>{t('commissioners.coverage.export')}</Button>
          </Space>
        }
      />
      <ErrorAlert error={q.error} />
      {cov && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Text data-testid="coverage-summary">{t('commissioners.coverage.summary', { total: cov.poorVillages, covered: cov.covered, percent: percent.toFixed(2) })}</Typography.Text>
          <Progress percent={percent} showInfo={false} status={percent >= 100 ? 'success' : 'active'} />
        </Card>
      )}
      <Tabs
        items={[
          {
            key: 'grid',
            label: t('commissioners.coverage.grid'),
            children: (
              <Row gutter={[12, 12]}>
                {(cov?.townships ?? []).map((tw) => (
                  <Col key={tw.id} xs={24} sm={12} md={8} lg={6}>
                    <Card size="small" title={tw.name} extra={tw.poorVillages > 0 ? `${tw.covered}/${tw.poorVillages}` : null} data-testid={`township-${tw.name}`}>
                      {tw.villages.length === 0 ? (
                        <Typography.Text type="secondary">{t('commissioners.coverage.noPoor')}</Typography.Text>
                      ) : (
                        <Space size={[4, 4]} wrap>
                          {tw.villages.map((v) => (
                            <Tooltip key={v.id} title={v.commissioners.map((x) => x.name).join('、') || t('commissioners.coverage.uncovered')}>
                              <Tag color={v.covered ? 'green' : 'red'} data-testid={`village-${v.name}`} data-covered={v.covered}>{v.name}</Tag>
                            </Tooltip>
                          ))}
                        </Space>
                      )}
                    </Card>
                  </Col>
                ))}
              </Row>
            ),
          },
          {
            key: 'table',
            label: t('commissioners.coverage.table'),
            children: (
              <Table
                rowKey="id"
                size="small"
                scroll={{ x: true }}
                dataSource={rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('commissioners.fields.township'), dataIndex: 'township' },
                  { title: t('commissioners.fields.village'), dataIndex: 'name' },
                  { title: t('commissioners.fields.flagged'), dataIndex: 'povertyFlaggedYear' },
                  { title: t('commissioners.fields.lifted'), dataIndex: 'povertyLiftedYear' },
                  { title: t('commissioners.coverage.covered'), dataIndex: 'covered', render: (v: boolean) => <Tag color={v ? 'green' : 'red'}>{v ? t('commissioners.coverage.covered') : t('commissioners.coverage.uncovered')}</Tag> },
                  { title: t('commissioners.fields.commissioners'), key: 'c', render: (_, v: Village) => v.commissioners.map((x) => x.name).join('、') },
                ]}
              />
            ),
          },
          ...(hasPermission('read:service_stats')
            ? [
                {
                  key: 'stats',
                  label: t('commissioners.coverage.statistics'),
                  children: (
                    <>
                      {stats.data && stats.data.byTownship.length > 0 ? <EChart option={chart} height={280} /> : <Empty />}
                      <Table
                        rowKey={(r) => r.commissioner.id}
                        size="small"
                        scroll={{ x: true }}
                        dataSource={stats.data?.byCommissioner ?? []}
                        pagination={false}
                        columns={[
                          { title: t('commissioners.fields.name'), key: 'n', render: (_, r) => r.commissioner.name },
                          { title: t('commissioners.fields.logs'), dataIndex: 'logs' },
                          { title: t('commissioners.fields.hours'), dataIndex: 'minutes', render: (m: number) => Math.round(m / 6) / 10 },
                          { title: t('commissioners.fields.beneficiaries'), dataIndex: 'beneficiaries' },
                          { title: t('commissioners.fields.villages'), dataIndex: 'villages' },
                        ]}
                      />
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
