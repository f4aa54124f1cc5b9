import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { users as u } from '@shared/contracts/index.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['users'] as const;

export function useUsers(query: QueryOf<typeof u.listUsers>) {
  return useQuery({
    queryKey: [...root, query],
    queryFn: () => api(u.listUsers, { query }),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: root }) });
}

export const useCreateUser = () => useUserMutation((b: BodyOf<typeof u.createUser>) => api(u.createUser, { body: b }));
export const useUpdateUser = () =>
  useUserMutation((v: { id: string; body: BodyOf<typeof u.updateUser> }) => api(u.updateUser, { params: { id: v.id }, body: v.body }));
export const useResetUserPassword = () => useUserMutation((id: string) => api(u.resetUserPassword, { params: { id } }));
export const useUnlockUser = () => useUserMutation((id: string) => api(u.unlockUser, { params: { id } }));
