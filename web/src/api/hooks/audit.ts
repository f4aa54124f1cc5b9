import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { audit as a } from '@shared/contracts/index.js';
import type { QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

export function useAuditLog(query: QueryOf<typeof a.listAudit>) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api(a.listAudit, { query }),
    placeholderData: keepPreviousData,
  });
}

/** A mutation rather than a query: checking the chain is an explicit, possibly slow, request. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: () => api(a.verifyAudit) });
}
