import { useState } from 'react';
import { Alert, Card, Checkbox, Empty, Flex, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { KIND_ENDPOINTS, KIND_PATH, PLATFORM_LEVELS, PLATFORM_TYPES, REGISTRY_KINDS, type RegistryKind } from '@shared/contracts/registries.js';
import { api } from '../../api/client';
import { Highlighted } from '../../catalog/Highlighted';
import { ErrorAlert } from '../../components/feedback';
import { NotFound } from '../portal/NotFound';
import { kindOfPath } from './kinds';

/** Facet tags of a directory item, in the reader's language. */
function FacetTags({ kind, facets }: { kind: RegistryKind; facets: Record<string, unknown> }) {
  const { t } = useTranslation();
  const tags: string[] = [];
  const f = facets as Record<string, string & string[]>;
  if (kind === 'institution') {
    for (const ty of f.types ?? []) tags.push(t(`registries.types.${ty}` as 'registries.types.trading'));
    if (f.recognitionLevel && f.recognitionLevel !== 'none') tags.push(t(`registries.levels.${f.recognitionLevel}` as 'registries.levels.none'));
  } else if (kind === 'broker') {
    if (f.grade) tags.push(t(`registries.grades.${f.grade}` as 'registries.grades.junior'));
    for (const l of f.talentLevels ?? []) tags.push(t(`registries.talent.${l}` as 'registries.talent.municipal'));
  } else if (kind === 'space') {
    tags.push(t(`registries.spaceKinds.${f.kind}` as 'registries.spaceKinds.incubator'));
    if (f.level !== 'none') tags.push(t(`registries.levels.${f.level}` as 'registries.levels.none'));
  } else if (kind === 'alliance') {
    if (f.field) tags.push(f.field);
  } else if (kind === 'platform') {
    tags.push(t(`registries.platformTypes.${f.platformType}` as 'registries.platformTypes.key_lab'), t(`registries.platformLevels.${f.level}` as 'registries.platformLevels.district'));
    if ((facets as { openToOthers?: boolean }).openToOthers) tags.push(t('registries.filters.openTag'));
  } else {
    tags.push(t(`registries.levels.${f.level}` as 'registries.levels.none'), t(`registries.stages.${f.stage}` as 'registries.stages.built'));
  }
  return <Space size={4} wrap>{tags.map((x) => <Tag key={x}>{x}</Tag>)}</Space>;
}

/** The public directory of one registry, with Chinese full-text search and highlighted snippets. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const kind = kindOfPath(useParams().kind);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  // Platform filters: type, level, open to enterprises.
  const [type, setType] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const filters = kind === 'platform' ? { type, level, open: open ? ('true' as const) : undefined } : {};
  const res = useQuery({
    queryKey: ['registries', kind, 'directory', q, page, filters],
    queryFn: () => api(KIND_ENDPOINTS[kind!].directory, { query: { q: q || undefined, page, pageSize: 20, ...filters } }),
    enabled: !!kind,
  });
  if (!kind) return <NotFound />;
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }} data-testid="registry-directory">
      <Segmented value={kind} options={REGISTRY_KINDS.map((k) => ({ value: k, label: <Link to={`/directory/${KIND_PATH[k]}`}>{t(`registries.kinds.${k}`)}</Link> }))} style={{ marginBottom: 12 }} />
      <Typography.Title level={2}>{t(`registries.kinds.${kind}`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`registries.subtitles.${kind}`)}</Typography.Paragraph>
      <Input.Search allowClear enterButton data-testid="registry-search" placeholder={t('registries.searchPlaceholder')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ marginBottom: 12 }} />
      {kind === 'platform' && (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="platform-filters">
          <Select allowClear style={{ minWidth: 200 }} placeholder={t('registries.filters.type')} value={type} onChange={(v) => { setType(v); setPage(1); }} data-testid="filter-type"
            options={PLATFORM_TYPES.map((c) => ({ value: c, label: t(`registries.platformTypes.${c}`) }))} />
          <Select allowClear style={{ minWidth: 140 }} placeholder={t('registries.filters.level')} value={level} onChange={(v) => { setLevel(v); setPage(1); }} data-testid="filter-level"
            options={PLATFORM_LEVELS.map((c) => ({ value: c, label: t(`registries.platformLevels.${c}`) }))} />
          <Checkbox checked={open} onChange={(e) => { setOpen(e.target.checked); setPage(1); }} data-testid="filter-open">{t('registries.filters.open')}</Checkbox>
        </Flex>
      )}
      <ErrorAlert error={res.error} />
      {res.data?.mode === 'or' && <Alert type="info" showIcon message={t('registries.broader')} style={{ marginBottom: 12 }} />}
      {res.data?.mode === 'fuzzy' && <Alert type="info" showIcon message={t('registries.fuzzy')} style={{ marginBottom: 12 }} />}
      <List
        loading={res.isFetching}
        locale={{ emptyText: <Empty description={t('registries.empty')} /> }}
        dataSource={res.data?.items ?? []}
        // Counts stop at 10,000: "10,000+" (docs/decisions/0024-bounded-directory-search.md).
        pagination={{ current: page, pageSize: 20, total: res.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: res.data?.totalCapped ? `${n.toLocaleString()}+` : n }) }}
        renderItem={(e) => (
          <List.Item>
            <Card style={{ width: '100%' }} size="small" data-testid="registry-item"
              title={<Link to={`/directory/${KIND_PATH[kind]}/${e.id}`} data-testid="registry-link"><Highlighted text={e.name} ranges={e.nameHighlights} /></Link>}
              extra={<FacetTags kind={kind} facets={e.facets} />}>
              {e.organisationName && <Typography.Text type="secondary">{e.organisationName}</Typography.Text>}
              {e.snippet.text && <Typography.Paragraph style={{ marginBottom: 0 }}><Highlighted text={e.snippet.text} ranges={e.snippet.highlights} /></Typography.Paragraph>}
            </Card>
          </List.Item>
        )}
      />
    </div>
  );
}
