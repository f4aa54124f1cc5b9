import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addDictionaryTerm,
  getAchievement,
  getDemand,
  latestIndexRebuild,
  listAchievements,
  listDemands,
  listDictionary,
  removeDictionaryTerm,
  startIndexRebuild,
} from '@shared/contracts/catalog-public.js';
import type { QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['portal'] as const;

export function useAchievementSearch(query: QueryOf<typeof listAchievements>, enabled = true) {
  return useQuery({
    queryKey: [...root, 'achievements', query],
    queryFn: () => api(listAchievements, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDemandSearch(query: QueryOf<typeof listDemands>, enabled = true) {
  return useQuery({
    queryKey: [...root, 'demands', query],
    queryFn: () => api(listDemands, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePublicAchievement(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'achievement', id], queryFn: () => api(getAchievement, { params: { id: id! } }), enabled: !!id });
}

export function usePublicDemand(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'demand', id], queryFn: () => api(getDemand, { params: { id: id! } }), enabled: !!id });
}

const dictKey = ['dictionary'] as const;

export function useDictionary() {
  return useQuery({ queryKey: dictKey, queryFn: () => api(listDictionary) });
}

export function useDictionaryMutations() {
  const qc = useQueryClient();
  const put = (data: Awaited<ReturnType<typeof api<typeof listDictionary>>>) => qc.setQueryData(dictKey, data);
  return {
    add: useMutation({ mutationFn: (term: string) => api(addDictionaryTerm, { body: { term } }), onSuccess: put }),
    remove: useMutation({ mutationFn: (term: string) => api(removeDictionaryTerm, { params: { term } }), onSuccess: put }),
  };
}

/** The latest index rebuild, polled every second while it runs. */
export function useLatestRebuild() {
  return useQuery({
    queryKey: [...dictKey, 'rebuild'],
    queryFn: () => api(latestIndexRebuild, { background: true }),
    refetchInterval: (q) => {
      const s = q.state.data?.rebuild?.status;
      return s === 'queued' || s === 'running' ? 1000 : false;
    },
  });
}

export function useStartRebuild() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(startIndexRebuild),
    onSuccess: (rebuild) => {
      qc.setQueryData([...dictKey, 'rebuild'], { rebuild });
      void qc.invalidateQueries({ queryKey: dictKey });
    },
  });
}
