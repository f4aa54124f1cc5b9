import { useState } from 'react';
import { Alert, Card, Checkbox, Empty, Flex, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  BROKER_GRADES,
  INSTITUTION_TYPES,
  KIND_ENDPOINTS,
  KIND_PATH,
  PLATFORM_LEVELS,
  PLATFORM_TYPES,
  RECOGNITION_LEVELS,
  REGISTRY_KINDS,
  type RegistryKind,
  SPACE_KINDS,
  TALENT_LEVELS,
  ZONE_KINDS,
  ZONE_LEVELS,
  ZONE_STAGES,
} from '@shared/contracts/registries.js';
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

type FilterParam = 'type' | 'level' | 'grade' | 'stage';
type FilterDef = { param: FilterParam; values: readonly string[]; labels: 'types' | 'levels' | 'grades' | 'spaceKinds' | 'zoneKinds' | 'stages' | 'platformTypes' | 'platformLevels' };

/** The directory filters of each kind (the API's DirectoryQuery; registries/kinds.ts applies them). */
const FILTERS: Record<RegistryKind, FilterDef[]> = {
  institution: [
    { param: 'type', values: INSTITUTION_TYPES, labels: 'types' },
    { param: 'level', values: RECOGNITION_LEVELS.filter((l) => l !== 'none'), labels: 'levels' },
  ],
  broker: [
    { param: 'grade', values: BROKER_GRADES, labels: 'grades' },
    { param: 'level', values: TALENT_LEVELS, labels: 'levels' },
  ],
  space: [
    { param: 'type', values: SPACE_KINDS, labels: 'spaceKinds' },
    { param: 'level', values: RECOGNITION_LEVELS, labels: 'levels' },
  ],
  alliance: [{ param: 'level', values: RECOGNITION_LEVELS, labels: 'levels' }],
  demo_zone: [
    { param: 'type', values: ZONE_KINDS, labels: 'zoneKinds' },
    { param: 'level', values: ZONE_LEVELS, labels: 'levels' },
    { param: 'stage', values: ZONE_STAGES, labels: 'stages' },
  ],
  platform: [
    { param: 'type', values: PLATFORM_TYPES, labels: 'platformTypes' },
    { param: 'level', values: PLATFORM_LEVELS, labels: 'platformLevels' },
  ],
};

/** The public directory of one registry, with Chinese full-text search and highlighted snippets. */
export function DirectoryPage() {
  const kind = kindOfPath(useParams().kind);
  if (!kind) return <NotFound />;
  // A fresh search and fresh filters for each kind.
  return <Directory key={kind} kind={kind} />;
}

function Directory({ kind }: { kind: RegistryKind }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<Partial<Record<FilterParam, string>>>({});
  // Platforms only: those open to enterprises.
  const [open, setOpen] = useState(false);
  // The selects offer only the enum's values, so the narrowing below holds.
  const filters = {
    ...chosen,
    grade: chosen.grade as (typeof BROKER_GRADES)[number] | undefined,
    stage: chosen.stage as (typeof ZONE_STAGES)[number] | undefined,
    ...(kind === 'platform' && open ? { open: 'true' as const } : {}),
  };
  const res = useQuery({
    queryKey: ['registries', kind, 'directory', q, page, filters],
    queryFn: () => api(KIND_ENDPOINTS[kind].directory, { query: { q: q || undefined, page, pageSize: 20, ...filters } }),
  });
  const label = (f: FilterDef, v: string) => t(`registries.${f.labels}.${v}` as 'registries.types.trading');
  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }} data-testid="registry-directory">
      <Segmented value={kind} options={REGISTRY_KINDS.map((k) => ({ value: k, label: <Link to={`/directory/${KIND_PATH[k]}`}>{t(`registries.kinds.${k}`)}</Link> }))} style={{ marginBottom: 12 }} />
      <Typography.Title level={2}>{t(`registries.kinds.${kind}`)}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(`registries.subtitles.${kind}`)}</Typography.Paragraph>
      <Input.Search allowClear enterButton data-testid="registry-search" placeholder={t('registries.searchPlaceholder')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ marginBottom: 12 }} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid={`${kind === 'platform' ? 'platform' : 'registry'}-filters`}>
        {FILTERS[kind].map((f) => (
          <Select key={f.param} allowClear style={{ minWidth: f.param === 'type' ? 200 : 140 }} placeholder={t(`registries.filters.${f.param}`)} value={chosen[f.param]}
            onChange={(v?: string) => { setChosen((c) => ({ ...c, [f.param]: v })); setPage(1); }} data-testid={`filter-${f.param}`}
            options={f.values.map((v) => ({ value: v, label: label(f, v) }))} />
        ))}
        {kind === 'platform' && (
          <Checkbox checked={open} onChange={(e) => { setOpen(e.target.checked); setPage(1); }} data-testid="filter-open">{t('registries.filters.open')}</Checkbox>
        )}
      </Flex>
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
