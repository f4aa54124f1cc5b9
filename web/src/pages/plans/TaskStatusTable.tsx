import { useMemo, useState } from 'react';
import { Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TaskStatus } from '@shared/contracts/plans.js';
import { ProgressTag } from '../../plans/tags';

type Task = z.infer<typeof TaskStatus>;
type S = Task['status'];
const COLORS: Record<S, string> = { on_track: 'blue', at_risk: 'orange', overdue: 'red' };

/** Every task with its responsible units' status, filterable by status, unit and text. */
export function TaskStatusTable({ tasks }: { tasks: Task[] }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<S | undefined>();
  const [unit, setUnit] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const units = useMemo(() => {
    const m = new Map<string, string>();
    for (const task of tasks) for (const u of task.units) m.set(u.organisation.id, u.organisation.name);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [tasks]);
  const rows = tasks.filter(
    (task) =>
      (!status || task.status === status || task.units.some((u) => u.status === status && (!unit || u.organisation.id === unit))) &&
      (!unit || task.units.some((u) => u.organisation.id === unit)) &&
      (!q || task.title.includes(q) || String(task.number) === q.trim()),
  );
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('plans.tasks.status')} style={{ width: 140 }} value={status} onChange={setStatus} data-testid="task-filter-status"
          options={(['on_track', 'at_risk', 'overdue'] as const).map((s) => ({ value: s, label: t(`plans.progress.${s}`) }))} />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('plans.tasks.unit')} style={{ width: 200 }} value={unit} onChange={setUnit} options={units} data-testid="task-filter-unit" />
        <Input.Search allowClear placeholder={t('plans.tasks.search')} style={{ width: 200 }} onSearch={setQ} />
      </Flex>
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        dataSource={rows}
        pagination={false}
        data-testid="task-table"
        columns={[
          { title: '#', dataIndex: 'number', width: 48 },
          { title: t('plans.tasks.title'), dataIndex: 'title', render: (v: string) => <span style={{ minWidth: 180, display: 'inline-block' }}>{v}</span> },
          { title: t('plans.tasks.status'), dataIndex: 'status', render: (s: S) => <ProgressTag status={s} /> },
          {
            title: t('plans.tasks.units'),
            key: 'units',
            render: (_, task) => (
              <Flex gap={4} wrap style={{ minWidth: 200 }}>
                {task.units
                  .filter((u) => !unit || u.organisation.id === unit)
                  .map((u) => (
                    <Tooltip
                      key={u.organisation.id}
                      title={
                        <>
                          {t(`plans.tasks.role.${u.role}`)} · {t(`plans.progress.${u.status}`)}
                          {u.missingPeriods.length > 0 && <div>{t('plans.tasks.missing', { periods: u.missingPeriods.join('、') })}</div>}
                          {u.level > 0 && <div>{t('plans.supervision.levelN', { level: u.level })}</div>}
                        </>
                      }
                    >
                      <Tag color={COLORS[u.status]} style={{ fontWeight: u.role === 'lead' ? 600 : 400 }}>
                        {u.organisation.name}
                        {u.level > 0 && ` ⚑${u.level}`}
                      </Tag>
                    </Tooltip>
                  ))}
              </Flex>
            ),
          },
          {
            title: t('plans.tasks.milestones'),
            key: 'ms',
            render: (_, task) =>
              task.milestones.length === 0 ? (
                <Typography.Text type="secondary">{t('plans.tasks.continuous')}</Typography.Text>
              ) : (
                <Flex vertical gap={2}>
                  {task.milestones.map((m) => (
                    <span key={m.id}>
                      <Tag color={m.status === 'reached' ? 'green' : m.status === 'overdue' ? 'red' : 'default'}>{t(`plans.milestone.${m.status}`)}</Tag>
                      {m.dueDate} {m.title}
                    </span>
                  ))}
                </Flex>
              ),
          },
          {
            title: t('plans.tasks.latest'),
            key: 'latest',
            render: (_, task) =>
              task.latestReports[0] ? (
                <Link to={`/console/plan-reports/${task.latestReports[0].id}`}>
                  {task.latestReports[0].period} · {task.latestReports[0].organisation.name}
                </Link>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
