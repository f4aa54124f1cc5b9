import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as c from '@shared/contracts/commissioners.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../../api/client';

const root = ['commissioners'] as const;

export const useCoverage = (asOf: string | undefined) => useQuery({ queryKey: [...root, 'coverage', asOf ?? null], queryFn: () => api(c.coverage, { query: { asOf } }), placeholderData: keepPreviousData });
export const useStatistics = (from: string, to: string, enabled = true) =>
  useQuery({ queryKey: [...root, 'stats', from, to], queryFn: () => api(c.statistics, { query: { from, to } }), enabled });
export const useTownships = () => useQuery({ queryKey: [...root, 'townships'], queryFn: () => api(c.townships), staleTime: 600_000 });
export const useVillages = (query: QueryOf<typeof c.listVillages>) =>
  useQuery({ queryKey: [...root, 'villages', query], queryFn: () => api(c.listVillages, { query }), placeholderData: keepPreviousData });
export const useCommissionerList = (query: QueryOf<typeof c.listCommissioners>) =>
  useQuery({ queryKey: [...root, 'list', query], queryFn: () => api(c.listCommissioners, { query }), placeholderData: keepPreviousData });
export const useMyCommissioner = () => useQuery({ queryKey: [...root, 'me'], queryFn: () => api(c.myCommissioner), retry: false });
export const useCommissioner = (id: string) => useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(c.getCommissioner, { params: { id } }) });
export const useBenefits = (id: string, enabled = true) => useQuery({ queryKey: [...root, 'benefits', id], queryFn: () => api(c.listBenefits, { params: { id } }), enabled });
export const useMyLogs = () => useQuery({ queryKey: [...root, 'logs'], queryFn: () => api(c.listServiceLogs, { query: { pageSize: 20 } }) });

export function useCommissionerMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  return {
    createVillage: useMutation({ mutationFn: (body: BodyOf<typeof c.createVillage>) => api(c.createVillage, { body }), onSuccess: done }),
    importVillages: useMutation({ mutationFn: (body: BodyOf<typeof c.importVillages>) => api(c.importVillages, { body }), onSuccess: done }),
    create: useMutation({ mutationFn: (body: BodyOf<typeof c.createCommissioner>) => api(c.createCommissioner, { body }), onSuccess: done }),
    assign: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof c.assign> }) => api(c.assign, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    recordBenefit: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof c.recordBenefit> }) => api(c.recordBenefit, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    end: useMutation({ mutationFn: (v: { id: string; endsOn: string }) => api(c.endAssignment, { params: { id: v.id }, body: { endsOn: v.endsOn } }), onSuccess: done }),
  };
}
