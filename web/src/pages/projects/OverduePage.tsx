import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Input, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { exportOverdue } from '@shared/contracts/projects.js';
import { download } from '../../api/client';
import { useOverdue } from '../../api/hooks/projects';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePaging } from '../../components/usePaging';

/** Overdue obligations for the bureau, most overdue first, with an XLSX export. */
export function OverduePage() {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const [programme, setProgramme] = useState<string | undefined>();
  const paging = usePaging();
  const list = useOverdue({ programme, ...paging.query });
  return (
    <>
      <PageTitle
        title={t('console.menu.overdue')}
        extra={<Button icon={<DownloadOutlined />} onClick={() => download(exportOverdue, { programme }, 'overdue.xlsx').catch(fail)} data-testid="overdue-export">{t('catalog.portal.export')}</Button>}
      />
      <Input.Search allowClear placeholder={t('catalog.projects.programme')} onSearch={(v) => { setProgramme(v || undefined); paging.reset(); }} style={{ width: 240, marginBottom: 12 }} />
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('catalog.projects.unit'), key: 'unit', render: (_, r) => r.undertakingOrg.name },
          { title: t('catalog.projects.projectNo'), key: 'no', render: (_, r) => `${r.project.programme} · ${r.project.projectNo}` },
          { title: t('catalog.projects.title'), key: 'pt', render: (_, r) => r.project.title },
          { title: t('catalog.projects.obligationKind'), dataIndex: 'kind', render: (k: 'achievement' | 'report') => t(`catalog.projects.kinds.${k}`) },
          { title: t('catalog.projects.obligationTitle'), dataIndex: 'title' },
          { title: t('catalog.projects.dueDate'), dataIndex: 'dueDate' },
          { title: t('catalog.projects.overdueBy'), dataIndex: 'daysOverdue', render: (n: number) => <Tag color="red">{t('catalog.projects.daysOverdue', { count: n })}</Tag> },
          { title: t('catalog.projects.lastReminded'), dataIndex: 'lastRemindedAt', render: formatDateTime },
        ]}
      />
    </>
  );
}
