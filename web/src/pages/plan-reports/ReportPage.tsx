import { Breadcrumb, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useReport } from '../../api/hooks/plans';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { ReportDetail } from './ReportDetail';

/** A report on its own page (notifications and the drill-down link here). */
export function ReportPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const q = useReport(id);
  const back = hasPermission('review:plan_report') ? '/console/plan-reports' : '/console/plan-tasks';
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={back}>{t(hasPermission('review:plan_report') ? 'console.menu.planReports' : 'console.menu.planTasks')}</Link> }, { title: q.data?.period ?? '…' }]} />
      <PageTitle title={q.data ? `${q.data.organisation.name} · ${q.data.period}` : t('plans.reports.one')} />
      <ErrorAlert error={q.error} />
      {q.data ? <ReportDetail report={q.data} /> : q.isPending && <Skeleton active />}
    </>
  );
}
