import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commitImport, createImport, getImport } from '@shared/contracts/imports.js';
import type { BodyOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['imports'] as const;

/** One import batch, polled every second while it validates or imports. */
export function useImportBatch(id: string | null) {
  return useQuery({
    queryKey: [...root, id],
    queryFn: () => api(getImport, { params: { id: id! }, background: true }),
    enabled: !!id,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'validating' || s === 'importing' ? 1000 : false;
    },
  });
}

export function useImportMutations() {
  const qc = useQueryClient();
  const put = (v: Awaited<ReturnType<typeof api<typeof getImport>>>) => qc.setQueryData([...root, v.id], v);
  return {
    create: useMutation({ mutationFn: (body: BodyOf<typeof createImport>) => api(createImport, { body }), onSuccess: put }),
    commit: useMutation({
      mutationFn: (id: string) => api(commitImport, { params: { id } }),
      onSuccess: (v) => {
        put(v);
        void qc.invalidateQueries({ queryKey: ['listings'] });
      },
    }),
  };
}
