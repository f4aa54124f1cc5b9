import { useState } from 'react';
import { Button, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KIND_ENDPOINTS, KIND_PATH } from '@shared/contracts/registries.js';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { useSession } from '../../session/SessionContext';
import { NotFound } from '../portal/NotFound';
import { kindOfPath } from './kinds';

/** The console list of one registry: the caller's entries, the bureau's review queue, or every entry. */
export function ConsolePage() {
  const { t } = useTranslation();
  const kind = kindOfPath(useParams().kind);
  const { hasPermission } = useSession();
  const bureau = !!kind && hasPermission(`review:${kind}`);
  const [scope, setScope] = useState<'mine' | 'review' | 'all'>(bureau ? 'review' : 'mine');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['registries', kind, 'console', scope, q, page],
    queryFn: () => api(KIND_ENDPOINTS[kind!].console, { query: { scope, q: q || undefined, page, pageSize: 20 } }),
    enabled: !!kind,
  });
  if (!kind) return <NotFound />;
  const base = `/console/registries/${KIND_PATH[kind]}`;
  return (
    <div data-testid="registry-console">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('registries.console.title', { kind: t(`registries.kinds.${kind}`) })}</Typography.Title>
        <Flex gap={8}>
          {hasPermission(`export:${kind}`) && <Button href={`/api/v1/${KIND_PATH[kind]}/export`} data-testid="registry-export">{t('registries.console.export')}</Button>}
          {hasPermission(`create:${kind}`) && <Link to={`${base}/new`}><Button type="primary" data-testid="registry-create">{t('registries.console.create')}</Button></Link>}
        </Flex>
      </Flex>
      <Flex gap={8} style={{ margin: '12px 0' }} wrap>
        {bureau && (
          <Segmented value={scope} onChange={(v) => { setScope(v as typeof scope); setPage(1); }}
            options={[{ value: 'review', label: t('registries.console.review') }, { value: 'all', label: t('registries.console.allEntries') }, { value: 'mine', label: t('registries.console.mine') }]} />
        )}
        <Input.Search allowClear style={{ maxWidth: 320 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
      </Flex>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { key: 'name', title: t('registries.fields.name'), render: (_, r) => <Link to={`${base}/${r.id}`} data-testid="console-entry">{r.name}</Link> },
          { key: 'org', title: t('registries.fields.organisation'), render: (_, r) => r.organisation?.name ?? '—' },
          { key: 'status', title: t('registries.fields.status'), render: (_, r) => (
            <Flex gap={4} wrap>
              <Tag>{t(`registries.statuses.${r.status}`)}</Tag>
              {r.pendingStatus && r.status === 'published' && <Tag color="blue">{t(`registries.revisionStatuses.${r.pendingStatus}`)}</Tag>}
            </Flex>
          ) },
          { key: 'submitted', title: t('registries.fields.submittedAt'), render: (_, r) => formatDateTime(r.submittedAt) },
          { key: 'note', title: t('registries.fields.reviewNote'), render: (_, r) => r.reviewNote ?? '' },
          { key: 'updated', title: t('registries.fields.updatedAt'), render: (_, r) => formatDateTime(r.updatedAt) },
        ]}
      />
    </div>
  );
}
