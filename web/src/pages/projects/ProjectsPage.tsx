import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { OBLIGATION_STATUSES } from '@shared/contracts/projects.js';
import { useProjects } from '../../api/hooks/projects';
import { useLocale } from '../../catalog/locale';
import { formatFen } from '../../catalog/money';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { ProjectDrawer } from './ProjectDrawer';
import { ProjectForm } from './ProjectForm';
import { usePaging } from '../../components/usePaging';

type Status = (typeof OBLIGATION_STATUSES)[number];

/** 财政项目: the bureau sees and registers all funded projects; an undertaking unit sees its own. */
export function ProjectsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { hasPermission } = useSession();
  const [q, setQ] = useState<string | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const paging = usePaging();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useProjects({ q, status, overdueOnly: overdueOnly ? 'true' : undefined, ...paging.query } as never);
  const bureau = hasPermission('manage:project');

  return (
    <>
      <PageTitle
        title={t('console.menu.projects')}
        extra={bureau && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">{t('catalog.projects.register')}</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('catalog.projects.search')} onSearch={(v) => { setQ(v || undefined); paging.reset(); }} style={{ width: 240 }} />
        <Select allowClear placeholder={t('catalog.projects.anyStatus')} value={status} onChange={(v: Status | undefined) => { setStatus(v); paging.reset(); }} style={{ width: 160 }}
          options={OBLIGATION_STATUSES.map((s) => ({ value: s, label: t(`catalog.projects.statuses.${s}`) }))} />
        <Select value={overdueOnly} onChange={(v: boolean) => { setOverdueOnly(v); paging.reset(); }} style={{ width: 160 }}
          options={[{ value: false, label: t('catalog.projects.allProjects') }, { value: true, label: t('catalog.projects.overdueOnly') }]} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-testid': `project-row-${r.projectNo}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('catalog.projects.programme'), dataIndex: 'programme' },
          { title: t('catalog.projects.projectNo'), dataIndex: 'projectNo' },
          { title: t('catalog.projects.title'), dataIndex: 'title' },
          { title: t('catalog.projects.unit'), key: 'unit', render: (_, r) => r.undertakingOrg.name },
          { title: t('catalog.projects.period'), key: 'period', render: (_, r) => `${r.startDate} ~ ${r.endDate}` },
          { title: t('catalog.projects.amount'), dataIndex: 'amountFen', render: (v: number) => formatFen(v, locale) },
          {
            title: t('catalog.projects.obligations'),
            key: 'ob',
            render: (_, r) => (
              <Space size={4}>
                <Tag>{r.obligationCounts.accepted}/{r.obligationCounts.total}</Tag>
                {r.obligationCounts.overdue > 0 && <Tag color="red">{t('catalog.projects.overdueCount', { count: r.obligationCounts.overdue })}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <ProjectDrawer id={openId} onClose={() => setOpenId(null)} />
      <ProjectForm open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
