import { useState } from 'react';
import { Drawer, Flex, Input, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { REPORT_STATUSES, type ReportStatus, type ReportView } from '@shared/contracts/plans.js';
import { usePlan, useReports } from '../../api/hooks/plans';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { ReportStatusTag } from '../../plans/tags';
import { PlanPicker } from '../plans/PlanPicker';
import { usePlanChoice } from '../plans/usePlanChoice';
import { ReportDetail } from './ReportDetail';
import { usePaging } from '../../components/usePaging';

/** The bureau's review queue: submitted reports first, any status by filter. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const { plans, plan, setPlan } = usePlanChoice();
  const detail = usePlan(plan?.id);
  const [status, setStatus] = useState<ReportStatus | undefined>('submitted');
  const [taskId, setTaskId] = useState<string | undefined>();
  const [period, setPeriod] = useState<string | undefined>();
  const paging = usePaging();
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useReports(plan?.id, { status, taskId, period, ...paging.query });
  const open = list.data?.items.find((r) => r.id === openId) ?? null;
  return (
    <div data-testid="review-queue">
      <PageTitle title={t('console.menu.planReports')} extra={<PlanPicker plans={plans} plan={plan} onChange={setPlan} />} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 140 }} placeholder={t('plans.reports.status')} value={status} onChange={(v) => { setStatus(v); paging.reset(); }} data-testid="reports-filter-status"
          options={REPORT_STATUSES.map((s) => ({ value: s, label: t(`plans.reportStatus.${s}`) }))} />
        <Select allowClear style={{ width: 240 }} placeholder={t('plans.reports.task')} value={taskId} onChange={(v) => { setTaskId(v); paging.reset(); }} showSearch optionFilterProp="label"
          options={(detail.data?.tasks ?? []).map((x) => ({ value: x.id, label: `${x.number}. ${x.title}` }))} />
        <Input.Search allowClear style={{ width: 160 }} placeholder="2024-Q1" onSearch={(v) => { setPeriod(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(v.trim()) ? v.trim() : undefined); paging.reset(); }} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('plans.reports.task'), key: 'task', render: (_, r: ReportView) => `${r.task.number}. ${r.task.title}` },
          { title: t('plans.reports.organisation'), key: 'org', render: (_, r: ReportView) => <span data-testid={`report-row-${r.id}`}>{r.organisation.name}</span> },
          { title: t('plans.report.period'), dataIndex: 'period' },
          { title: t('plans.reports.status'), dataIndex: 'status', render: (s: ReportStatus) => <ReportStatusTag status={s} /> },
          { title: t('plans.reports.submittedAt'), dataIndex: 'submittedAt', render: formatDateTime },
          { title: t('plans.report.evidence'), key: 'ev', render: (_, r: ReportView) => r.evidence.length },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpenId(null)} width={Math.min(760, window.innerWidth)} title={open ? `${open.organisation.name} · ${open.period}` : ''} destroyOnHidden>
        {open && <ReportDetail report={open} />}
      </Drawer>
    </div>
  );
}
