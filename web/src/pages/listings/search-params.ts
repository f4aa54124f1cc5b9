import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ListingKind } from '@shared/contracts/catalog-content.js';

/**
 * The public lists keep every filter in the URL query string: a list can be
 * shared as a link, reloaded, and the back button undoes the last filter.
 * Parameter names are the API's, so the URL maps one-to-one onto the request.
 */
export const FILTER_KEYS = {
  achievement: [
    'q', 'sort', 'industrySection', 'industryDivision', 'pillarTag', 'region', 'techField',
    'trlMin', 'trlMax', 'stage', 'transferMode', 'ipType', 'priceMinFen', 'priceMaxFen', 'negotiable',
  ],
  demand: ['q', 'sort', 'industrySection', 'pillarTag', 'region', 'cooperationMode', 'budgetMinFen', 'budgetMaxFen', 'deadlineAfter'],
} as const;

const NUMERIC = new Set(['trlMin', 'trlMax', 'priceMinFen', 'priceMaxFen', 'budgetMinFen', 'budgetMaxFen']);
export const PAGE_SIZES = [10, 20, 50] as const;

export type ListParams = Record<string, string | undefined>;

export function useListParams(kind: ListingKind) {
  const [sp, setSp] = useSearchParams();
  const keys: readonly string[] = FILTER_KEYS[kind];

  const values = useMemo(() => {
    const v: ListParams = {};
    for (const k of keys) {
      const x = sp.get(k);
      if (x !== null && x !== '') v[k] = x;
    }
    return v;
  }, [sp, keys]);

  const page = Math.max(1, Number(sp.get('page')) || 1);
  const sizeParam = Number(sp.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : 20;

  /** The API query: numbers where the API wants numbers, page and size. */
  const query = useMemo(() => {
    const q: Record<string, string | number> = { page, pageSize };
    for (const [k, x] of Object.entries(values)) {
      if (x === undefined) continue;
      if (NUMERIC.has(k)) {
        const n = Number(x);
        if (Number.isInteger(n) && n >= 0) q[k] = n;
      } else q[k] = x;
    }
    return q;
  }, [values, page, pageSize]);

  /** Change filters; any change but paging goes back to page 1. */
  const update = useCallback(
    (patch: ListParams & { page?: string; pageSize?: string }) => {
      setSp((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, x] of Object.entries(patch)) {
          if (x === undefined || x === '') next.delete(k);
          else next.set(k, x);
        }
        if (!('page' in patch)) next.delete('page');
        return next;
      });
    },
    [setSp],
  );

  const clear = useCallback(() => {
    setSp((prev) => {
      const next = new URLSearchParams();
      const q = prev.get('q');
      if (q) next.set('q', q);
      return next;
    });
  }, [setSp]);

  const activeFilters = Object.keys(values).filter((k) => k !== 'q' && k !== 'sort').length;
  return { values, query, page, pageSize, update, clear, activeFilters };
}
