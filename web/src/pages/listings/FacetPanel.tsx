import { useState } from 'react';
import { Button, Flex, Input, Space, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FacetBucket } from '@shared/contracts/catalog-public.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { fenToYuanInput, yuanToFen } from '../../catalog/money';
import type { ListParams } from './search-params';

type Props = {
  kind: ListingKind;
  facets: Record<string, FacetBucket[]>;
  values: ListParams;
  update: (patch: ListParams) => void;
  clear: () => void;
};

/** Facets in display order; each maps onto one filter parameter of the API. */
const ORDER: Record<ListingKind, string[]> = {
  achievement: ['industrySection', 'pillarTag', 'techField', 'trl', 'stage', 'transferMode', 'ipType', 'negotiable', 'region'],
  demand: ['industrySection', 'pillarTag', 'cooperationMode', 'region'],
};

type FacetName =
  | 'industrySection' | 'industryDivision' | 'pillarTag' | 'techField' | 'trl' | 'stage' | 'transferMode'
  | 'ipType' | 'negotiable' | 'region' | 'cooperationMode';

function isSelected(name: string, value: string, v: ListParams): boolean {
  if (name === 'trl') return v.trlMin === value && v.trlMax === value;
  return v[name] === value;
}

function patchFor(name: string, value: string | undefined): ListParams {
  if (name === 'trl') return { trlMin: value, trlMax: value };
  return { [name]: value };
}

function FacetGroup({ name, buckets, values, update }: { name: FacetName; buckets: FacetBucket[]; values: ListParams; update: Props['update'] }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  if (buckets.length === 0) return null;
  const shown = expanded ? buckets : buckets.slice(0, 8);
  return (
    <div className="cg-facet" data-testid={`facet-${name}`}>
      <Typography.Text strong>{t(`catalog.facets.${name}`)}</Typography.Text>
      <ul>
        {shown.map((b) => {
          const on = isSelected(name, b.value, values);
          return (
            <li key={b.value}>
              <button
                type="button"
                className={on ? 'cg-facet-item cg-facet-on' : 'cg-facet-item'}
                aria-pressed={on}
                data-testid={`facet-${name}-${b.value}`}
                onClick={() => update(patchFor(name, on ? undefined : b.value))}
              >
                <span className="cg-facet-label">{b.label}</span>
                <span className="cg-facet-count">{b.count}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {buckets.length > 8 && (
        <Button type="link" size="small" onClick={() => setExpanded(!expanded)} style={{ padding: 0 }}>
          {expanded ? t('catalog.portal.showLess') : t('catalog.portal.showMore', { count: buckets.length - 8 })}
        </Button>
      )}
    </div>
  );
}

/** A 元 range whose bounds go to the URL in fen. */
function YuanRange({ label, minKey, maxKey, values, update, testId }: { label: string; minKey: string; maxKey: string; values: ListParams; update: Props['update']; testId: string }) {
  const { t } = useTranslation();
  const [min, setMin] = useState(fenToYuanInput(values[minKey] ? Number(values[minKey]) : undefined) ?? '');
  const [max, setMax] = useState(fenToYuanInput(values[maxKey] ? Number(values[maxKey]) : undefined) ?? '');
  const minFen = min ? yuanToFen(min) : null;
  const maxFen = max ? yuanToFen(max) : null;
  const bad = (min !== '' && minFen === null) || (max !== '' && maxFen === null);
  return (
    <div className="cg-facet" data-testid={testId}>
      <Typography.Text strong>{label}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input placeholder={t('catalog.portal.minYuan')} value={min} onChange={(e) => setMin(e.target.value)} status={min && minFen === null ? 'error' : undefined} inputMode="decimal" />
        <Input placeholder={t('catalog.portal.maxYuan')} value={max} onChange={(e) => setMax(e.target.value)} status={max && maxFen === null ? 'error' : undefined} inputMode="decimal" />
      </Space.Compact>
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Button size="small" disabled={bad} onClick={() => update({ [minKey]: minFen === null ? undefined : String(minFen), [maxKey]: maxFen === null ? undefined : String(maxFen) })}>
          {t('catalog.portal.apply')}
        </Button>
        {(values[minKey] || values[maxKey]) && (
          <Button size="small" type="link" onClick={() => { setMin(''); setMax(''); update({ [minKey]: undefined, [maxKey]: undefined }); }}>
            {t('common.reset')}
          </Button>
        )}
      </Flex>
    </div>
  );
}

export function FacetPanel({ kind, facets, values, update, clear }: Props) {
  const { t } = useTranslation();
  return (
    <div className="cg-facets" data-testid="facet-panel">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('catalog.portal.filters')}</Typography.Text>
        <Button size="small" type="link" onClick={clear} data-testid="facet-clear">
          {t('catalog.portal.clearFilters')}
        </Button>
      </Flex>
      {ORDER[kind].map((name) => (
        <FacetGroup key={name} name={name as FacetName} buckets={facets[name] ?? []} values={values} update={update} />
      ))}
      {kind === 'achievement' ? (
        <YuanRange key={`${values.priceMinFen}-${values.priceMaxFen}`} label={t('catalog.facets.price')} minKey="priceMinFen" maxKey="priceMaxFen" values={values} update={update} testId="facet-price" />
      ) : (
        <>
          <YuanRange key={`${values.budgetMinFen}-${values.budgetMaxFen}`} label={t('catalog.facets.budget')} minKey="budgetMinFen" maxKey="budgetMaxFen" values={values} update={update} testId="facet-budget" />
          <div className="cg-facet" data-testid="facet-deadline">
            <Typography.Text strong>{t('catalog.facets.deadlineAfter')}</Typography.Text>
            <DatePicker
              style={{ width: '100%', marginTop: 8 }}
              value={values.deadlineAfter ? dayjs(values.deadlineAfter) : null}
              onChange={(d) => update({ deadlineAfter: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </div>
        </>
      )}
    </div>
  );
}
