import { useEffect, useState } from 'react';
import { FilterOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Empty, Flex, Grid, Input, Pagination, Select, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AchievementList, DemandList } from '@shared/contracts/catalog-public.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useAchievementSearch, useDemandSearch } from '../../api/hooks/catalog-public';
import { ErrorAlert } from '../../components/feedback';
import { ExportButton } from './ExportButton';
import { FacetPanel } from './FacetPanel';
import { AchievementCard, DemandCard } from './ResultCard';
import { PAGE_SIZES, useListParams } from './search-params';

const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc'] as const;

/** The public list of published achievements or demands: search, facets, sort, pages. */
export function ListingSearch({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.md !== false;
  const [drawer, setDrawer] = useState(false);
  const p = useListParams(kind);
  // Both hooks are called (hooks cannot be conditional); only the kind's one is enabled.
  const achievements = useAchievementSearch(p.query as never, kind === 'achievement');
  const demands = useDemandSearch(p.query as never, kind === 'demand');
  const result = kind === 'achievement' ? achievements : demands;
  const data = result.data as AchievementList | DemandList | undefined;
  const [text, setText] = useState(p.values.q ?? '');
  const title = t(kind === 'achievement' ? 'nav.achievements' : 'nav.demands');

  // Keep the box in step with the URL when the back button changes the query.
  const urlQ = p.values.q ?? '';
  const [seenQ, setSeenQ] = useState(urlQ);
  if (seenQ !== urlQ) {
    setSeenQ(urlQ);
    setText(urlQ);
  }

  useEffect(() => {
    document.title = `${title} · ${t('common.platformName')}`;
  }, [title, t]);

  const panel = <FacetPanel kind={kind} facets={data?.facets ?? {}} values={p.values} update={p.update} clear={p.clear} />;
  const sorts = SORTS.filter((s) => kind === 'achievement' || !s.startsWith('price'));

  return (
    <div className="cg-content" data-testid={`portal-${kind}s`}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>{title}</Typography.Title>
      <Input.Search
        size="large"
        allowClear
        enterButton={t('common.search')}
        placeholder={t(kind === 'achievement' ? 'catalog.portal.searchAchievements' : 'catalog.portal.searchDemands')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => p.update({ q: v.trim() || undefined, sort: undefined })}
        maxLength={200}
        data-testid="portal-search"
      />
      <Flex gap={24} style={{ marginTop: 16 }} align="flex-start">
        {wide && <aside className="cg-facet-aside">{panel}</aside>}
        <main style={{ flex: 1, minWidth: 0 }}>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary" data-testid="portal-total">
              {data ? t('catalog.portal.found', { count: data.total }) : ' '}
            </Typography.Text>
            <Flex gap={8} wrap>
              {!wide && (
                <Badge count={p.activeFilters} size="small">
                  <Button icon={<FilterOutlined />} onClick={() => setDrawer(true)} data-testid="facet-toggle">
                    {t('catalog.portal.filters')}
                  </Button>
                </Badge>
              )}
              <Select
                value={p.values.sort ?? (p.values.q ? 'relevance' : 'newest')}
                onChange={(v: string) => p.update({ sort: v })}
                options={sorts.map((s) => ({ value: s, label: t(`catalog.portal.sort.${s}`), disabled: s === 'relevance' && !p.values.q }))}
                style={{ width: 150 }}
                data-testid="portal-sort"
              />
              <ExportButton kind={kind} query={p.query} />
            </Flex>
          </Flex>
          {data?.mode === 'or' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('catalog.portal.modeOr')} />}
          {data?.mode === 'fuzzy' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('catalog.portal.modeFuzzy')} />}
          <ErrorAlert error={result.error} />
          {!data && result.isPending ? (
            <Skeleton active />
          ) : data && data.items.length === 0 ? (
            <Empty description={t('catalog.portal.noResults')} data-testid="portal-empty" />
          ) : (
            <Flex vertical gap={12} style={{ opacity: result.isFetching ? 0.6 : 1 }} data-testid="portal-results">
              {kind === 'achievement'
                ? (data as AchievementList | undefined)?.items.map((i) => <AchievementCard key={i.id} item={i} />)
                : (data as DemandList | undefined)?.items.map((i) => <DemandCard key={i.id} item={i} />)}
            </Flex>
          )}
          {data && data.total > 0 && (
            <Pagination
              style={{ marginTop: 16, textAlign: 'center' }}
              current={p.page}
              pageSize={p.pageSize}
              total={data.total}
              pageSizeOptions={PAGE_SIZES.map(String)}
              showSizeChanger
              size={wide ? 'default' : 'small'}
              onChange={(page, size) => p.update({ page: String(page), pageSize: String(size) })}
              data-testid="portal-pagination"
            />
          )}
        </main>
      </Flex>
      <Drawer open={!wide && drawer} onClose={() => setDrawer(false)} placement="left" width={300} title={t('catalog.portal.filters')}>
        {panel}
      </Drawer>
    </div>
  );
}
