import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as f from '@shared/contracts/finance.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../../api/client';

const root = ['finance'] as const;

export function useFinanceRecords(query: QueryOf<typeof f.listFinanceRecords>) {
  return useQuery({ queryKey: [...root, 'list', query], queryFn: () => api(f.listFinanceRecords, { query }), placeholderData: keepPreviousData });
}

export function useFinanceRecord(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(f.getFinanceRecord, { params: { id: id! } }), enabled: !!id });
}

export function useFinanceInstitutions(enabled: boolean) {
  return useQuery({ queryKey: [...root, 'institutions'], queryFn: () => api(f.financeInstitutions), enabled, staleTime: 5 * 60_000 });
}

export function useFinanceStatistics(query: QueryOf<typeof f.financeStatistics>) {
  return useQuery({ queryKey: [...root, 'stats', query], queryFn: () => api(f.financeStatistics, { query }), placeholderData: keepPreviousData });
}

export type FinanceMove = 'submit' | 'withdraw' | 'return' | 'verify';
const MOVES = { submit: f.submitFinanceRecord, withdraw: f.withdrawFinanceRecord, return: f.returnFinanceRecord, verify: f.verifyFinanceRecord } as const;

export function useFinanceMutations() {
  const qc = useQueryClient();
  const done = (view: f.FinanceView) => {
    qc.setQueryData([...root, 'one', view.id], view);
    return qc.invalidateQueries({ queryKey: root });
  };
  return {
    create: useMutation({ mutationFn: (body: BodyOf<typeof f.createFinanceRecord>) => api(f.createFinanceRecord, { body }), onSuccess: done }),
    update: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof f.updateFinanceRecord> }) => api(f.updateFinanceRecord, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    move: useMutation({
      mutationFn: (v: { move: FinanceMove; id: string; body?: unknown }) => api(MOVES[v.move] as typeof f.returnFinanceRecord, { params: { id: v.id }, body: (v.body ?? {}) as never }),
      onSuccess: done,
    }),
  };
}
