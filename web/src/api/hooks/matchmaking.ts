import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as m from '@shared/contracts/matchmaking.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['cases'] as const;

export function useCases(query: QueryOf<typeof m.listCases>) {
  return useQuery({ queryKey: [...root, 'list', query], queryFn: () => api(m.listCases, { query }), placeholderData: keepPreviousData });
}

export function useCase(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(m.getCase, { params: { id: id! } }), enabled: !!id });
}

export function useWorkload(status?: m.CaseStatus) {
  return useQuery({ queryKey: [...root, 'workload', status ?? null], queryFn: () => api(m.brokerWorkload, { query: { status } }), placeholderData: keepPreviousData });
}

export function useFunnel(query: QueryOf<typeof m.funnel>) {
  return useQuery({ queryKey: [...root, 'funnel', query], queryFn: () => api(m.funnel, { query }), placeholderData: keepPreviousData });
}

type Move = 'accept' | 'decline' | 'negotiate' | 'agree' | 'close' | 'message' | 'assign' | 'claim';
const MOVES = {
  accept: m.acceptCase,
  decline: m.declineCase,
  negotiate: m.negotiateCase,
  agree: m.agreeCase,
  close: m.closeCase,
  message: m.postMessage,
  assign: m.assignBroker,
  claim: m.claimCase,
} as const;

export function useCaseMutations() {
  const qc = useQueryClient();
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<typeof m.createCase>) => api(m.createCase, { body }),
      onSuccess: () => qc.invalidateQueries({ queryKey: root }),
    }),
    move: useMutation({
      mutationFn: (v: { move: Move; id: string; body: unknown }) => api(MOVES[v.move] as typeof m.acceptCase, { params: { id: v.id }, body: v.body as never }),
      onSuccess: (view) => {
        qc.setQueryData([...root, 'one', view.id], view);
        return qc.invalidateQueries({ queryKey: root });
      },
    }),
  };
}
export type CaseMove = Move;
