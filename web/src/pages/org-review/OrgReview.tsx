import { useState } from 'react';
import { Button, Input, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@shared/contracts/organisations.js';
import { ORG_TYPES, VERIFICATION_STATUSES, type OrgType, type VerificationStatus } from '@shared/roles.js';
import { useOrganisations } from '../../api/hooks/organisations';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { VerificationTag, useOrgTypeName } from '../../components/Tags';
import { ReviewDrawer } from './ReviewDrawer';

export function OrgReview() {
  const { t } = useTranslation();
  const typeName = useOrgTypeName();
  const [q, setQ] = useState<string | undefined>();
  const [type, setType] = useState<OrgType | undefined>();
  const [status, setStatus] = useState<VerificationStatus | undefined>('pending');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useOrganisations({ q, type, status, page, pageSize });
  // Look the open row up in fresh data so the drawer reflects a decision just made.
  const open: OrganisationView | null = list.data?.items.find((o) => o.id === openId) ?? null;

  return (
    <>
      <PageTitle title={t('review.title')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('review.search')}
          onSearch={(v) => {
            setQ(v || undefined);
            setPage(1);
          }}
          style={{ width: 240 }}
          data-testid="org-search"
        />
        <Select
          allowClear
          placeholder={t('review.allTypes')}
          value={type}
          onChange={(v: OrgType | undefined) => {
            setType(v);
            setPage(1);
          }}
          options={ORG_TYPES.map((o) => ({ value: o, label: typeName(o) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('review.allStatuses')}
          value={status}
          onChange={(v: VerificationStatus | undefined) => {
            setStatus(v);
            setPage(1);
          }}
          options={VERIFICATION_STATUSES.map((s) => ({ value: s, label: t(`verification.${s}`) }))}
          style={{ width: 140 }}
          data-testid="org-status-filter"
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) =>
          ({ 'data-testid': `org-row-${r.name}`, onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.type'), dataIndex: 'type', render: (v: string) => typeName(v) },
          { title: t('org.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => <code>{v ?? '—'}</code> },
          { title: t('org.status'), dataIndex: 'verificationStatus', render: (s: string) => <VerificationTag status={s} /> },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'open',
            render: (_, r) => (
              <Button type="link" size="small" onClick={(e) => { e.stopPropagation(); setOpenId(r.id); }}>
                {t('review.open')}
              </Button>
            ),
          },
        ]}
      />
      <ReviewDrawer org={open} onClose={() => setOpenId(null)} />
    </>
  );
}
