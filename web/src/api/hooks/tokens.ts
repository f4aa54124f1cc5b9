import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { identity } from '@shared/contracts/index.js';
import type { BodyOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const key = ['me', 'tokens'] as const;

export function useApiTokens() {
  return useQuery({ queryKey: key, queryFn: () => api(identity.listApiTokens) });
}

export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: BodyOf<typeof identity.createApiToken>) => api(identity.createApiToken, { body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(identity.revokeApiToken, { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}
