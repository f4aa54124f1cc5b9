import { useState } from 'react';
import { DesktopOutlined, DownloadOutlined, FilePdfOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { exportPlanReportPdf, exportPlanStatus } from '@shared/contracts/plans.js';
import { download } from '../../api/client';
import { useDashboard } from '../../api/hooks/plans';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { DrillDrawer } from './DrillDrawer';
import { type Indicator, IndicatorCard } from './IndicatorCard';
import { LatestReports } from './LatestReports';
import { PlanOverview } from './PlanOverview';
import { PlanPicker, YearPicker } from './PlanPicker';
import { TaskStatusTable } from './TaskStatusTable';
import { TrendPanel } from './TrendPanel';
import { usePlanChoice } from './usePlanChoice';
import './plans.css';
import { districtYear } from '../../components/district-time';

/**
 * The plan dashboard (方案监测): every indicator against its targets, trends,
 * task and unit status, the latest reports. Units that may only read the plan
 * see its tasks and targets instead.
 */
export function PlanDashboard() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const fail = useErrorToast();
  const { list, plans, plan, setPlan, year, setYear } = usePlanChoice();
  const monitor = hasPermission('monitor:plan');
  const dash = useDashboard(monitor ? plan?.id : null, year);
  const [drill, setDrill] = useState<Indicator | null>(null);
  const [exporting, setExporting] = useState<'xlsx' | 'pdf' | null>(null);

  if (list.isPending) return <Skeleton active />;
  if (!plan) return <><ErrorAlert error={list.error} /><Empty description={t('plans.noPlan')} /></>;
  if (!monitor) return <PlanOverview planId={plan.id} picker={<PlanPicker plans={plans} plan={plan} onChange={setPlan} />} />;

  const d = dash.data;
  const endYear = Number(plan.endDate.slice(0, 4));
  const counts = d ? (['reached', 'on_track', 'at_risk', 'overdue'] as const).map((s) => [s, d.indicators.filter((i) => i.status === s).length] as const) : [];
  const doExport = (kind: 'xlsx' | 'pdf') => {
    setExporting(kind);
    const run = kind === 'xlsx' ? download(exportPlanStatus, { year }, 'plan-status.xlsx', { id: plan.id }) : download(exportPlanReportPdf, { year }, 'plan-report.pdf', { id: plan.id });
    run.catch(fail).finally(() => setExporting(null));
  };

  return (
    <div data-testid="plan-dashboard">
      <PageTitle
        title={t('plans.dashboard.title')}
        extra={
          <>
            <PlanPicker plans={plans} plan={plan} onChange={setPlan} />
            <YearPicker plan={plan} year={year} onChange={setYear} />
            <Button icon={<ReloadOutlined />} onClick={() => void dash.refetch()} loading={dash.isFetching} aria-label={t('common.refresh')} />
            <Button icon={<DownloadOutlined />} onClick={() => doExport('xlsx')} loading={exporting === 'xlsx'} data-testid="plan-export-xlsx">{t('plans.dashboard.exportXlsx')}</Button>
            <Button icon={<FilePdfOutlined />} onClick={() => doExport('pdf')} loading={exporting === 'pdf'} data-testid="plan-export-pdf">{t('plans.dashboard.exportPdf')}</Button>
            <Link to={`/screen/plan?plan=${plan.id}`} target="_blank"><Button icon={<DesktopOutlined />} data-testid="open-screen">{t('plans.dashboard.screen')}</Button></Link>
          </>
        }
      />
      <Typography.Paragraph type="secondary">
        {plan.title} · {plan.issuingBody} · {plan.startDate} — {plan.endDate}
        {d && <> · {t('plans.dashboard.asOf', { date: formatDate(d.asOf), year: d.year })}</>}
      </Typography.Paragraph>
      <ErrorAlert error={dash.error} />
      {!d ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          <div className="cg-stat-row">
            {counts.map(([s, n]) => (
              <Card size="small" key={s}><Statistic title={t(`plans.progress.${s}`)} value={n} suffix={`/ ${d.indicators.length}`} /></Card>
            ))}
            <Card size="small">
              <Statistic title={t('plans.supervision.open')} value={d.supervision.open} prefix={<WarningOutlined />} valueStyle={{ color: d.supervision.open ? '#cf1322' : undefined }} />
              {d.supervision.open > 0 && hasPermission('supervise:plan') && <Link to={`/console/supervision?plan=${plan.id}`}>{t('plans.supervision.view')}</Link>}
            </Card>
          </div>
          {d.year !== districtYear() && <Alert type="info" showIcon message={t('plans.dashboard.clamped', { year: d.year })} />}
          <div className="cg-indicator-grid" data-testid="indicator-grid">
            {d.indicators.map((ind) => (
              <IndicatorCard key={ind.id} ind={ind} year={d.year} endYear={endYear} onDrill={setDrill} />
            ))}
          </div>
          <TrendPanel indicators={d.indicators} />
          <Card size="small" title={t('plans.tasks.heading')}>
            <TaskStatusTable tasks={d.tasks} />
          </Card>
          <Card size="small" title={t('plans.reports.latest')} extra={hasPermission('review:plan_report') && <Link to={`/console/plan-reports?plan=${plan.id}`}>{t('plans.reports.queue')}</Link>}>
            <LatestReports tasks={d.tasks} />
          </Card>
        </Flex>
      )}
      <DrillDrawer planId={plan.id} year={d?.year} ind={drill} onClose={() => setDrill(null)} />
    </div>
  );
}
