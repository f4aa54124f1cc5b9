import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMailOutbox } from '../../api/hooks/system';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { usePaging } from '../../components/usePaging';

export function MailOutbox() {
  const { t } = useTranslation();
  const paging = usePaging();
  const list = useMailOutbox(paging.query);
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
        pagination={paging.pagination(list.data?.total)}
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
