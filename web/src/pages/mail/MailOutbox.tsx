import { useState } from 'react';
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMailOutbox } from '../../api/hooks/system';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';

export function MailOutbox() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useMailOutbox({ page, pageSize });
  return (
    <>
      <PageTitle title={t('mail.title')} />
      <Typography.Paragraph type="secondary">{t('mail.intro')}</Typography.Paragraph>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (m) => <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>{m.bodyText}</pre>,
        }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('mail.to'), dataIndex: 'toAddress' },
          { title: t('mail.subject'), dataIndex: 'subject' },
          { title: t('mail.status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
          { title: t('mail.sentAt'), dataIndex: 'sentAt', render: formatDateTime },
        ]}
      />
    </>
  );
}
