import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Progress, Space, Table, Tabs } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LISTING_STATUSES } from '@shared/contracts/catalog.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useMyListings } from '../../api/hooks/catalog';
import { ListingStatusTag, RevisionStatusTag } from '../../catalog/StatusTag';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { ListingActions } from './ListingActions';

type Status = (typeof LISTING_STATUSES)[number];

/** 我的成果 / 我的需求: the organisation's listings by status, with what may be done to each. */
export function MyListings({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hasPermission } = useSession();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useMyListings(kind, { status: status === 'all' ? undefined : status, q, page, pageSize });
  const base = kind === 'achievement' ? 'achievements' : 'demands';

  return (
    <>
      <PageTitle
        title={t(kind === 'achievement' ? 'console.menu.myAchievements' : 'console.menu.myDemands')}
        extra={
          hasPermission(`create:${kind}`) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/console/${base}/new`)} data-testid={`create-${kind}`}>
              {t(kind === 'achievement' ? 'catalog.editor.newAchievement' : 'catalog.editor.newDemand')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={status}
        onChange={(k) => { setStatus(k as Status | 'all'); setPage(1); }}
        items={[{ key: 'all', label: t('catalog.status.all') }, ...LISTING_STATUSES.filter((s) => kind === 'demand' || s !== 'closed').map((s) => ({ key: s, label: <span data-testid={`tab-${s}`}>{t(`catalog.status.${s}`)}</span> }))]}
      />
      <Space style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('catalog.mine.search')} onSearch={(v) => { setQ(v || undefined); setPage(1); }} style={{ width: 240 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': `listing-row-${r.title}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => { setPage(p); setPageSize(s); },
        }}
        columns={[
          { title: t('catalog.fields.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/console/${base}/${r.id}/edit`}>{v}</Link> },
          {
            title: t('catalog.mine.status'),
            key: 'status',
            render: (_, r) => (
              <Space size={4} wrap>
                <ListingStatusTag status={r.status} />
                {r.pendingStatus && r.status === 'published' && (
                  <span>{t('catalog.mine.edit')} <RevisionStatusTag status={r.pendingStatus} /></span>
                )}
              </Space>
            ),
          },
          { title: t('catalog.quality.title'), dataIndex: 'qualityScore', width: 140, render: (v: number) => <Progress percent={v} size="small" /> },
          { title: t('catalog.mine.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
          { title: t('catalog.mine.publishedAt'), dataIndex: 'publishedAt', render: formatDateTime },
          { title: t('common.actions'), key: 'actions', render: (_, r) => (
            <Space size={4} wrap>
              <ListingActions kind={kind} id={r.id} actions={r.actions} status={r.status} />
              <Link to={`/console/${base}/${r.id}/matches`} data-testid="action-matches">{t(kind === 'demand' ? 'matching.headings.demandAchievements' : 'matching.headings.achievementDemands')}</Link>
            </Space>
          ) },
        ]}
      />
    </>
  );
}
