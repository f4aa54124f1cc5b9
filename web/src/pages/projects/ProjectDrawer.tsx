import { useState } from 'react';
import { Button, Descriptions, Drawer, Flex, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObligationView } from '@shared/contracts/projects.js';
import { useProject, useProjectMutations } from '../../api/hooks/projects';
import { useLocale } from '../../catalog/locale';
import { formatFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { ObligationForm, ReturnObligationModal, SubmitObligationModal } from './ObligationModals';

const STATUS_COLOR: Record<string, string> = { pending: 'default', submitted: 'processing', accepted: 'success', returned: 'warning' };

/** One project with its obligations and what the caller may do with each. */
export function ProjectDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const project = useProject(id);
  const m = useProjectMutations();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [adding, setAdding] = useState(false);
  const [submitting, setSubmitting] = useState<ObligationView | null>(null);
  const [returning, setReturning] = useState<ObligationView | null>(null);
  const p = project.data;
  return (
    <Drawer open={!!id} onClose={onClose} width="min(900px, 100vw)" title={p?.title} data-testid="project-drawer">
      <ErrorAlert error={project.error} />
      {!p ? <Skeleton active /> : (
        <Flex vertical gap={16}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={[
            { key: 'programme', label: t('catalog.projects.programme'), children: p.programme },
            { key: 'no', label: t('catalog.projects.projectNo'), children: p.projectNo },
            { key: 'unit', label: t('catalog.projects.unit'), children: p.undertakingOrg.name },
            { key: 'period', label: t('catalog.projects.period'), children: `${p.startDate} ~ ${p.endDate}` },
            { key: 'amount', label: t('catalog.projects.amount'), children: formatFen(p.amountFen, locale) },
          ]} />
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>{t('catalog.projects.obligations')}</Typography.Title>
            {p.actions.includes('define_obligation') && <Button onClick={() => setAdding(true)} data-testid="obligation-add">{t('catalog.projects.addObligation')}</Button>}
          </Flex>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            dataSource={p.obligations}
            columns={[
              { title: t('catalog.projects.obligationKind'), dataIndex: 'kind', render: (k: 'achievement' | 'report') => t(`catalog.projects.kinds.${k}`) },
              { title: t('catalog.projects.obligationTitle'), dataIndex: 'title' },
              { title: t('catalog.projects.dueDate'), dataIndex: 'dueDate', render: (d: string, o) => <>{d} {o.overdue && <Tag color="red">{t('catalog.projects.daysOverdue', { count: o.daysOverdue })}</Tag>}</> },
              { title: t('catalog.projects.status'), dataIndex: 'status', render: (s: 'pending') => <Tag color={STATUS_COLOR[s]}>{t(`catalog.projects.statuses.${s}`)}</Tag> },
              {
                title: t('catalog.projects.submission'),
                key: 'sub',
                render: (_, o) => (
                  <Space direction="vertical" size={0}>
                    {o.achievement && <a href={`/achievements/${o.achievement.id}`} target="_blank" rel="noopener noreferrer">{o.achievement.title}</a>}
                    {o.reportNumber && <code>{o.reportNumber}</code>}
                    {o.file && <a href={`/api/v1/files/${o.file.id}`} target="_blank" rel="noopener noreferrer">{o.file.filename}</a>}
                    {o.submittedAt && <Typography.Text type="secondary">{formatDateTime(o.submittedAt)}</Typography.Text>}
                    {o.reviewNote && <Typography.Text type="warning">{o.reviewNote}</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: t('common.actions'),
                key: 'act',
                render: (_, o) => (
                  <Space size={4} wrap>
                    {o.actions.includes('submit') && <Button size="small" type="primary" onClick={() => setSubmitting(o)} data-testid="obligation-submit">{t('common.submit')}</Button>}
                    {o.actions.includes('accept') && (
                      <Popconfirm title={t('catalog.projects.acceptConfirm')} onConfirm={() => m.accept.mutateAsync({ id: o.id }).then(() => ok(t('catalog.projects.accepted')), fail)}>
                        <Button size="small">{t('catalog.projects.accept')}</Button>
                      </Popconfirm>
                    )}
                    {o.actions.includes('return') && <Button size="small" danger onClick={() => setReturning(o)}>{t('catalog.projects.return')}</Button>}
                  </Space>
                ),
              },
            ]}
          />
          <ObligationForm projectId={p.id} open={adding} onClose={() => setAdding(false)} />
          <SubmitObligationModal obligation={submitting} onClose={() => setSubmitting(null)} />
          <ReturnObligationModal obligation={returning} onClose={() => setReturning(null)} />
        </Flex>
      )}
    </Drawer>
  );
}
