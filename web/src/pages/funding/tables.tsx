import { Button, Progress, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, CallView } from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { formatDate, formatDateTime } from '../../components/format';
import { usePaging } from '../../components/usePaging';
import { ApplicationStatusTag, CallStatusTag, KindTag, yuan } from './format';

type Call = z.infer<typeof CallView>;

/** Calls: the bureau sees drafts and budget use; applicants see the open ones with an Apply button. */
export function CallsTable({ items, loading, onApply, bureau }: { items: Call[]; loading?: boolean; onApply?: (c: Call) => void; bureau?: boolean }) {
  const { t } = useTranslation();
  const paging = usePaging(10);
  return (
    <Table<Call>
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      loading={loading}
      dataSource={items}
      pagination={paging.pagination(items.length)}
      data-testid="calls-table"
      columns={[
        { title: t('funding.call.title'), key: 't', render: (_, c) => <Link to={`/console/funding/calls/${c.id}`} data-testid={`call-link-${c.id}`}>{c.title}</Link> },
        { title: t('funding.call.kind'), dataIndex: 'kind', render: (k: string) => <KindTag kind={k} /> },
        { title: t('funding.call.status'), dataIndex: 'status', render: (s: string) => <CallStatusTag status={s} /> },
        { title: t('funding.call.window'), key: 'w', render: (_, c) => `${formatDate(c.opensAt)} – ${formatDate(c.closesAt)}` },
        { title: t('funding.call.budget'), key: 'b', align: 'right', render: (_, c) => yuan(c.budgetFen) },
        ...(bureau
          ? [
              { title: t('funding.call.budgetUse'), key: 'u', width: 160, render: (_: unknown, c: Call) => <Progress percent={Math.round((c.awardedFen / c.budgetFen) * 100)} size="small" /> },
              { title: t('funding.call.applications'), key: 'n', align: 'right' as const, render: (_: unknown, c: Call) => Object.values(c.counts).reduce((a, b) => a + b, 0) },
              { title: '', key: 'o', render: (_: unknown, c: Call) => (c.openObjections ? <Tag color="red">{t('funding.call.objectionsOpen', { n: c.openObjections })}</Tag> : null) },
            ]
          : []),
        ...(onApply
          ? [{ title: '', key: 'a', render: (_: unknown, c: Call) => (c.status === 'open' && Date.now() < Date.parse(c.closesAt) ? <Button type="primary" size="small" onClick={() => onApply(c)} data-testid={`apply-${c.id}`}>{t('funding.apply.button')}</Button> : null) }]
          : []),
      ]}
    />
  );
}

/** Applications: an applicant's own, an expert's assigned (with the deadline), or a call's (bureau). */
export function ApplicationsTable({ items, loading, expert, showCall = true, testId = 'applications-table' }: { items: ApplicationView[]; loading?: boolean; expert?: boolean; showCall?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const paging = usePaging(20);
  return (
    <Table<ApplicationView>
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      loading={loading}
      dataSource={items}
      pagination={paging.pagination(items.length)}
      data-testid={testId}
      columns={[
        { title: t('funding.apply.title'), key: 't', render: (_, a) => <Link to={`/console/funding/applications/${a.id}`} data-testid={`application-link-${a.id}`}>{a.title}</Link> },
        ...(showCall ? [{ title: t('funding.application.call'), key: 'c', render: (_: unknown, a: ApplicationView) => a.callTitle }] : []),
        { title: t('funding.application.applicant'), key: 'o', render: (_, a) => a.organisation.name },
        { title: t('funding.apply.requested'), key: 'r', align: 'right', render: (_, a) => yuan(a.requestedFen) },
        {
          title: t('funding.call.status'),
          key: 's',
          render: (_, a) => (
            <>
              <ApplicationStatusTag status={a.status} />
              {a.status === 'awarded' && a.acceptance?.submittedAt && <Tag color="blue" data-testid={`acceptance-waiting-${a.id}`}>{t('funding.accept.waiting')}</Tag>}
              {a.status === 'awarded' && !a.acceptance?.submittedAt && a.acceptance?.returnNote && <Tag color="red">{t('funding.accept.returned')}</Tag>}
            </>
          ),
        },
        ...(expert
          ? [{ title: t('funding.application.deadline'), key: 'd', render: (_: unknown, a: ApplicationView) => a.myReview && <span>{formatDateTime(a.myReview.deadline)} {a.myReview.submittedAt ? <Tag color="green">{t('funding.application.submitted')}</Tag> : a.myReview.overdue ? <Tag color="red">{t('funding.application.overdue')}</Tag> : <Tag>{t('funding.application.pending')}</Tag>}</span> }]
          : [
              { title: t('funding.application.checks'), key: 'k', render: (_: unknown, a: ApplicationView) => { const bad = a.checks.filter((c) => !c.ok).length; return bad ? <Tag color="red">✗ {bad}</Tag> : <Tag color="green">✓</Tag>; } },
              {
                title: t('funding.application.reviews'),
                key: 'rv',
                render: (_: unknown, a: ApplicationView) => {
                  if (a.reviews.length === 0) return null;
                  const done = a.reviews.filter((r) => r.submitted).length;
                  const late = a.reviews.filter((r) => r.overdue).length;
                  return <>{done}/{a.reviews.length} {late > 0 && <Tag color="red" data-testid={`overdue-${a.id}`}>{t('funding.application.overdue')} {late}</Tag>}</>;
                },
              },
            ]),
        { title: '', dataIndex: 'createdAt', render: formatDateTime },
      ]}
    />
  );
}
