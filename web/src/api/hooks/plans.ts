import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as p from '@shared/contracts/plans.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['plans'] as const;

export function usePlans(enabled = true) {
  return useQuery({ queryKey: [...root, 'list'], queryFn: () => api(p.listPlans), enabled });
}

export function usePlan(id: string | null | undefined) {
  return useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(p.getPlan, { params: { id: id! } }), enabled: !!id });
}

/** `refetchInterval` for the large screen; background polls do not keep the session awake. */
export function useDashboard(id: string | null | undefined, year?: number, refetchInterval?: number) {
  return useQuery({
    queryKey: [...root, 'dashboard', id, year ?? null],
    queryFn: () => api(p.getDashboard, { params: { id: id! }, query: { year }, background: !!refetchInterval }),
    enabled: !!id,
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

export function useIndicatorRecords(id: string | null | undefined, indicatorId: string | null, query: QueryOf<typeof p.listIndicatorRecords>) {
  return useQuery({
    queryKey: [...root, 'records', id, indicatorId, query],
    queryFn: () => api(p.listIndicatorRecords, { params: { id: id!, indicatorId: indicatorId! }, query }),
    enabled: !!id && !!indicatorId,
    placeholderData: keepPreviousData,
  });
}

export function usePublicStatistics() {
  return useQuery({ queryKey: [...root, 'public'], queryFn: () => api(p.publicStatistics), retry: false });
}

export function useReports(id: string | null | undefined, query: QueryOf<typeof p.listReports>) {
  return useQuery({
    queryKey: [...root, 'reports', id, query],
    queryFn: () => api(p.listReports, { params: { id: id! }, query }),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | null | undefined) {
  return useQuery({ queryKey: [...root, 'report', id], queryFn: () => api(p.getReport, { params: { id: id! } }), enabled: !!id });
}

export function useSupervision(id: string | null | undefined, query: QueryOf<typeof p.listSupervision>) {
  return useQuery({
    queryKey: [...root, 'supervision', id, query],
    queryFn: () => api(p.listSupervision, { params: { id: id! }, query }),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function usePlanMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  return {
    submit: useMutation({
      mutationFn: (v: { id: string; taskId: string; body: BodyOf<typeof p.submitReport> }) => api(p.submitReport, { params: { id: v.id, taskId: v.taskId }, body: v.body }),
      onSuccess: done,
    }),
    accept: useMutation({ mutationFn: (v: { id: string; note?: string }) => api(p.acceptReport, { params: { id: v.id }, body: { note: v.note } }), onSuccess: done }),
    return: useMutation({ mutationFn: (v: { id: string; note: string }) => api(p.returnReport, { params: { id: v.id }, body: { note: v.note } }), onSuccess: done }),
    updatePlan: useMutation({
      mutationFn: (v: { id: string; body: BodyOf<typeof p.updatePlan> }) => api(p.updatePlan, { params: { id: v.id }, body: v.body }),
      onSuccess: done,
    }),
    updateIndicator: useMutation({
      mutationFn: (v: { id: string; indicatorId: string; body: BodyOf<typeof p.updateIndicator> }) =>
        api(p.updateIndicator, { params: { id: v.id, indicatorId: v.indicatorId }, body: v.body }),
      onSuccess: done,
    }),
    updateTask: useMutation({
      mutationFn: (v: { id: string; taskId: string; body: BodyOf<typeof p.updateTask> }) => api(p.updateTask, { params: { id: v.id, taskId: v.taskId }, body: v.body }),
      onSuccess: done,
    }),
    importPlan: useMutation({ mutationFn: (body: BodyOf<typeof p.importPlan>) => api(p.importPlan, { body }), onSuccess: done }),
  };
}
