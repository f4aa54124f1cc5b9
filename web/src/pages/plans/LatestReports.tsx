import { List, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TaskStatus } from '@shared/contracts/plans.js';
import { formatDateTime } from '../../components/format';
import { ReportStatusTag } from '../../plans/tags';

type Task = z.infer<typeof TaskStatus>;

/** The newest progress reports across all tasks. */
export function LatestReports({ tasks, limit = 10 }: { tasks: Task[]; limit?: number }) {
  const { t } = useTranslation();
  const items = tasks
    .flatMap((task) => task.latestReports.map((r) => ({ ...r, task })))
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .slice(0, limit);
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: t('plans.reports.none') }}
      data-testid="latest-reports"
      renderItem={(r) => (
        <List.Item extra={<ReportStatusTag status={r.status} />}>
          <List.Item.Meta
            title={<Link to={`/console/plan-reports/${r.id}`}>{t('plans.taskN', { n: r.task.number })} · {r.period} · {r.organisation.name}</Link>}
            description={<Typography.Text type="secondary">{r.task.title} · {formatDateTime(r.submittedAt)}</Typography.Text>}
          />
        </List.Item>
      )}
    />
  );
}
