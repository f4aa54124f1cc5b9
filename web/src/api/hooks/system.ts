import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { system as s } from '@shared/contracts/index.js';
import type { QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

export function useMailOutbox(query: QueryOf<typeof s.listMailOutbox>) {
  return useQuery({
    queryKey: ['mail-outbox', query],
    queryFn: () => api(s.listMailOutbox, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useMeta() {
  return useQuery({ queryKey: ['meta'], queryFn: () => api(s.getMeta), staleTime: Infinity, retry: false });
}
