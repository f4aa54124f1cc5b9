import type { ReactNode } from 'react';
import { Card, Descriptions, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlan } from '../../api/hooks/plans';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { formatValue } from '../../plans/values';

/** The plan as a document (tasks, units, targets) for readers without the dashboard. */
export function PlanOverview({ planId, picker }: { planId: string; picker?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const q = usePlan(planId);
  const p = q.data;
  const yn = { yes: t('common.yes'), no: t('common.no') };
  return (
    <div data-testid="plan-overview">
      <PageTitle title={p?.title ?? t('plans.dashboard.title')} extra={picker} />
      <ErrorAlert error={q.error} />
      {!p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'body', label: t('plans.admin.issuingBody'), children: p.issuingBody },
              { key: 'dates', label: t('plans.admin.period'), children: `${p.startDate} — ${p.endDate}` },
              { key: 'status', label: t('plans.admin.status'), children: t(`plans.planStatus.${p.status}`) },
            ]} />
            {p.goals && <Typography.Paragraph className="cg-pre" style={{ marginTop: 12 }}>{p.goals}</Typography.Paragraph>}
          </Card>
          <Card size="small" title={t('plans.tasks.heading')}>
            <Table rowKey="id" size="small" scroll={{ x: true }} pagination={false} dataSource={p.tasks} columns={[
              { title: '#', dataIndex: 'number', width: 48 },
              { title: t('plans.tasks.title'), dataIndex: 'title' },
              { title: t('plans.tasks.units'), key: 'u', render: (_, task) => <Flex gap={4} wrap>{task.units.map((u) => <Tag key={u.id} color={u.role === 'lead' ? 'blue' : undefined}>{u.name}</Tag>)}</Flex> },
              { title: t('plans.tasks.schedule'), key: 's', render: (_, task) => task.scheduleText || t('plans.tasks.continuous') },
              { title: t('plans.tasks.cadence'), dataIndex: 'cadence', render: (c: 'monthly' | 'quarterly') => t(`plans.cadence.${c}`) },
            ]} />
          </Card>
          <Card size="small" title={t('plans.admin.indicators')}>
            <Table rowKey="id" size="small" scroll={{ x: true }} pagination={false} dataSource={p.indicators} columns={[
              { title: t('plans.admin.indicator'), key: 'n', render: (_, i) => (i18n.language === 'en' && i.nameEn ? i.nameEn : i.name) },
              { title: t('plans.admin.task'), dataIndex: 'taskNumber', render: (n: number | null) => (n === null ? '—' : n) },
              { title: t('plans.admin.targets'), key: 'tg', render: (_, i) => i.targets.map((x) => `${x.year}: ${formatValue(x.value, i.unit, i18n.language, yn)}`).join('；') || '—' },
              { title: t('plans.admin.source'), dataIndex: 'source', render: (s: 'computed' | 'reported') => t(`plans.source.${s}`) },
            ]} />
          </Card>
        </Flex>
      )}
    </div>
  );
}
