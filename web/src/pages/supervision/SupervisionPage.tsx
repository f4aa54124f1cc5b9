import { useMemo, useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { exportSupervision, type SupervisionItem } from '@shared/contracts/plans.js';
import { download } from '../../api/client';
import { usePlan, useSupervision } from '../../api/hooks/plans';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { PlanPicker } from '../plans/PlanPicker';
import { usePlanChoice } from '../plans/usePlanChoice';
import { usePaging } from '../../components/usePaging';

type Item = z.infer<typeof SupervisionItem>;
const LEVEL_COLORS = ['', 'gold', 'orange', 'red'];

/** The supervision list (督办): missing reports and overdue milestones by escalation level, exportable. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const { plans, plan, setPlan } = usePlanChoice();
  const detail = usePlan(plan?.id);
  const [level, setLevel] = useState<number | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [taskId, setTaskId] = useState<string | undefined>();
  const paging = usePaging();
  const list = useSupervision(plan?.id, { level, orgId, taskId, ...paging.query });
  const units = useMemo(() => {
    const m = new Map<string, string>();
    for (const task of detail.data?.tasks ?? []) for (const u of task.units) m.set(u.id, u.name);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [detail.data]);
  const [exporting, setExporting] = useState(false);
  return (
    <div data-testid="supervision-page">
      <PageTitle
        title={t('console.menu.supervision')}
        extra={
          <>
            <PlanPicker plans={plans} plan={plan} onChange={setPlan} />
            <Button icon={<DownloadOutlined />} disabled={!plan} loading={exporting} data-testid="supervision-export"
              onClick={() => { setExporting(true); download(exportSupervision, { level, orgId, taskId }, 'supervision.xlsx', { id: plan!.id }).catch(fail).finally(() => setExporting(false)); }}>
              {t('plans.dashboard.exportXlsx')}
            </Button>
          </>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 140 }} placeholder={t('plans.supervision.level')} value={level} onChange={(v) => { setLevel(v); paging.reset(); }} data-testid="supervision-level"
          options={[1, 2, 3].map((l) => ({ value: l, label: t('plans.supervision.levelN', { level: l }) }))} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 200 }} placeholder={t('plans.tasks.unit')} value={orgId} onChange={(v) => { setOrgId(v); paging.reset(); }} options={units} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} placeholder={t('plans.reports.task')} value={taskId} onChange={(v) => { setTaskId(v); paging.reset(); }}
          options={(detail.data?.tasks ?? []).map((x) => ({ value: x.id, label: `${x.number}. ${x.title}` }))} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('plans.supervision.level'), dataIndex: 'level', render: (l: number) => <Tag color={LEVEL_COLORS[l]}>{t('plans.supervision.levelN', { level: l })}</Tag> },
          { title: t('plans.supervision.kind'), dataIndex: 'kind', render: (k: Item['kind']) => t(`plans.supervision.kinds.${k}`) },
          { title: t('plans.reports.task'), key: 'task', render: (_, r: Item) => `${r.task.number}. ${r.task.title}` },
          { title: t('plans.reports.organisation'), key: 'org', render: (_, r: Item) => r.organisation.name },
          { title: t('plans.supervision.what'), key: 'what', render: (_, r: Item) => r.period ?? r.milestone ?? '—' },
          { title: t('plans.supervision.due'), dataIndex: 'dueDate' },
          { title: t('plans.supervision.overdue'), dataIndex: 'daysOverdue', render: (n: number) => <Tag color="red">{t('plans.supervision.days', { count: n })}</Tag> },
          { title: t('plans.supervision.escalated'), dataIndex: 'escalatedAt', render: formatDateTime },
        ]}
      />
    </div>
  );
}
