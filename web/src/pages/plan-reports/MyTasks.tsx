import { useMemo, useState } from 'react';
import { Button, Card, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '@shared/contracts/plans.js';
import { usePlan, useReports } from '../../api/hooks/plans';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { periodEndDate, periodsBetween, todayIso } from '../../plans/periods';
import { ReportStatusTag } from '../../plans/tags';
import { useSession } from '../../session/SessionContext';
import { PlanPicker } from '../plans/PlanPicker';
import { usePlanChoice } from '../plans/usePlanChoice';
import { ReportForm } from './ReportForm';

/**
 * A responsible unit's reporting desk: the tasks its organisation answers for
 * (named or by organisation type), each period's report status, and the form.
 */
export function MyTasks() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { list, plans, plan, setPlan } = usePlanChoice();
  const detail = usePlan(plan?.id);
  const reports = useReports(plan?.id, { page: 1, pageSize: 200 });
  const [open, setOpen] = useState<{ taskId: string; report: ReportView | null } | null>(null);
  const org = user?.organisation ?? null;
  const p = detail.data;
  const tasks = useMemo(
    () => (p && org ? p.tasks.filter((task) => task.units.some((u) => u.id === org.id) || task.coUnitTypes.includes(org.type)) : []),
    [p, org],
  );
  const byTask = useMemo(() => {
    const m = new Map<string, ReportView[]>();
    for (const r of reports.data?.items ?? []) m.set(r.task.id, [...(m.get(r.task.id) ?? []), r]);
    return m;
  }, [reports.data]);

  if (list.isPending) return <Skeleton active />;
  if (!plan) return <Empty description={t('plans.noPlan')} />;
  const today = todayIso();
  const periodsFor = (cadence: 'monthly' | 'quarterly') => (p ? periodsBetween(p.startDate, today < p.endDate ? today : p.endDate, cadence) : []);
  const task = tasks.find((x) => x.id === open?.taskId) ?? null;
  const choices = task
    ? periodsFor(task.cadence).map((value) => {
        const r = byTask.get(task.id)?.find((x) => x.period === value);
        return { value, disabled: !!r && r.status !== 'returned', hint: r ? t(`plans.reportStatus.${r.status}`) : periodEndDate(value) < (p?.reportingFrom ?? '') ? undefined : t('plans.report.owed') };
      })
    : [];

  return (
    <div data-testid="my-plan-tasks">
      <PageTitle title={t('console.menu.planTasks')} extra={<PlanPicker plans={plans} plan={plan} onChange={setPlan} />} />
      {!org && <Typography.Paragraph type="warning">{t('plans.report.noOrg')}</Typography.Paragraph>}
      <ErrorAlert error={detail.error ?? reports.error} />
      {p && p.status !== 'active' && <Typography.Paragraph type="warning">{t('plans.report.notActive')}</Typography.Paragraph>}
      {!p ? (
        <Skeleton active />
      ) : tasks.length === 0 ? (
        <Empty description={t('plans.report.noTasks')} />
      ) : (
        <Flex vertical gap={12}>
          {tasks.map((x) => {
            const mine = byTask.get(x.id) ?? [];
            const due = periodsFor(x.cadence).filter((per) => periodEndDate(per) >= p.reportingFrom && periodEndDate(per) < today && !mine.some((r) => r.period === per));
            const role = x.units.find((u) => u.id === org?.id)?.role ?? 'co';
            return (
              <Card
                key={x.id}
                size="small"
                data-testid={`my-task-${x.number}`}
                title={<span style={{ whiteSpace: 'normal' }}>{t('plans.taskN', { n: x.number })} · {x.title}</span>}
                extra={<Button type="primary" size="small" disabled={p.status !== 'active'} onClick={() => setOpen({ taskId: x.id, report: null })} data-testid={`report-task-${x.number}`}>{t('plans.report.new')}</Button>}
              >
                <Flex gap={8} wrap style={{ marginBottom: 8 }}>
                  <Tag color={role === 'lead' ? 'blue' : undefined}>{t(`plans.tasks.role.${role}`)}</Tag>
                  <Tag>{t(`plans.cadence.${x.cadence}`)}</Tag>
                  {due.length > 0 ? <Tag color="red">{t('plans.report.dueN', { count: due.length, periods: due.slice(0, 4).join('、') })}</Tag> : <Tag color="green">{t('plans.report.upToDate')}</Tag>}
                </Flex>
                {mine.length > 0 && (
                  <Table rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={mine} columns={[
                    { title: t('plans.report.period'), dataIndex: 'period', render: (v: string, r) => <Link to={`/console/plan-reports/${r.id}`}>{v}</Link> },
                    { title: t('plans.reports.status'), dataIndex: 'status', render: (s: ReportView['status']) => <ReportStatusTag status={s} /> },
                    { title: t('plans.reports.reviewNote'), dataIndex: 'reviewNote', render: (v: string | null) => v ?? '—' },
                    { title: t('common.actions'), key: 'a', render: (_, r) => r.actions.includes('submit') && <Button size="small" onClick={() => setOpen({ taskId: x.id, report: r })}>{t('plans.report.resubmit')}</Button> },
                  ]} />
                )}
              </Card>
            );
          })}
        </Flex>
      )}
      {p && <ReportForm plan={p} task={task} periods={choices} initial={open?.report ?? null} open={!!open} onClose={() => setOpen(null)} />}
    </div>
  );
}
