import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Page and page size of a server-paged table: `query` goes into the list
 * hook's parameters, `pagination(total)` into the antd Table, and `reset()`
 * back to the first page whenever a filter changes.
 */
export function usePaging(initialPageSize = 20, pageSizeOptions?: number[]) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  return {
    query: { page, pageSize },
    reset: () => setPage(1),
    pagination: (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      ...(pageSizeOptions ? { pageSizeOptions } : {}),
      showTotal: (n) => t('common.total', { count: n }),
      onChange: (p, s) => {
        setPage(s === pageSize ? p : 1);
        setPageSize(s);
      },
    }),
  };
}
