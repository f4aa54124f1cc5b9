import { useState } from 'react';
import { Select, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CASE_STATUSES, type CaseStatus, type WorkloadItem } from '@shared/contracts/matchmaking.js';
import { useWorkload } from '../../api/hooks/matchmaking';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { CaseStatusTag, caseTitle } from './status';

type Item = z.infer<typeof WorkloadItem>;
/** Five working days of silence trigger a reminder (issue 4); shown in red from then on. */
const STALE_WORKING_DAYS = 5;

/** The broker's cases, stalest first, with whose move it is. */
export function WorkloadPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CaseStatus | undefined>();
  const q = useWorkload(status);
  return (
    <div data-testid="workload-page">
      <PageTitle title={t('console.menu.workload')} extra={
        <Select allowClear style={{ width: 140 }} placeholder={t('cases.fields.status')} value={status} onChange={setStatus} options={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))} />
      } />
      <Typography.Paragraph type="secondary">{t('cases.workload.hint')}</Typography.Paragraph>
      <ErrorAlert error={q.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('cases.fields.listings'), key: 'title', render: (_, c: Item) => <Link to={`/console/cases/${c.id}`}>{caseTitle(c) || c.id.slice(0, 8)}</Link> },
          { title: t('cases.fields.parties'), key: 'p', render: (_, c: Item) => `${c.initiator.name} → ${c.counterpart.name}` },
          { title: t('cases.fields.status'), dataIndex: 'status', render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
          { title: t('cases.fields.awaiting'), key: 'w', render: (_, c: Item) => c.awaitingOrganisation?.name ?? '—' },
          {
            title: t('cases.workload.silence'),
            key: 'd',
            render: (_, c: Item) => (
              <Tag color={c.workingDaysSinceActivity >= STALE_WORKING_DAYS ? 'red' : c.workingDaysSinceActivity >= 3 ? 'orange' : 'default'}>
                {t('cases.workload.days', { days: c.daysSinceActivity, working: c.workingDaysSinceActivity })}
              </Tag>
            ),
          },
          { title: t('cases.fields.lastActivity'), dataIndex: 'lastEventAt', render: formatDateTime },
        ]}
      />
    </div>
  );
}
