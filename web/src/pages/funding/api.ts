import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as f from '@shared/contracts/funding.js';
import type { BodyOf } from '@shared/contracts/endpoint.js';
import { listUsers } from '@shared/contracts/users.js';
import { api } from '../../api/client';

const root = ['funding'] as const;

export const useCalls = () => useQuery({ queryKey: [...root, 'calls'], queryFn: () => api(f.listCalls) });
export const useCall = (id: string | undefined) => useQuery({ queryKey: [...root, 'call', id], queryFn: () => api(f.getCall, { params: { id: id! } }), enabled: !!id });
export const useApplications = (callId?: string) => useQuery({ queryKey: [...root, 'applications', callId ?? null], queryFn: () => api(f.listApplications, { query: callId ? { callId } : {} }) });
export const useApplication = (id: string | undefined) => useQuery({ queryKey: [...root, 'application', id], queryFn: () => api(f.getApplication, { params: { id: id! } }), enabled: !!id });
export const useRanking = (id: string | undefined, enabled = true) => useQuery({ queryKey: [...root, 'ranking', id], queryFn: () => api(f.ranking, { params: { id: id! } }), enabled: !!id && enabled });
export const useObjections = (id: string | undefined, enabled = true) => useQuery({ queryKey: [...root, 'objections', id], queryFn: () => api(f.listObjections, { params: { id: id! } }), enabled: !!id && enabled });
export const useConflicts = (id: string | undefined, enabled = true) => useQuery({ queryKey: [...root, 'conflicts', id], queryFn: () => api(f.conflicts, { params: { id: id! } }), enabled: !!id && enabled });
export const useExperts = (enabled = true) => useQuery({ queryKey: [...root, 'experts'], queryFn: () => api(f.listExperts), enabled });
export const usePublicAwards = () => useQuery({ queryKey: [...root, 'public'], queryFn: () => api(f.publicAwards) });
export const useExpertAccounts = (q: string, enabled: boolean) =>
  useQuery({ queryKey: [...root, 'expert-accounts', q], queryFn: () => api(listUsers, { query: { role: 'expert', status: 'active', q: q || undefined, page: 1, pageSize: 20 } }), enabled });

/** Every funding mutation; each refreshes the funding queries. */
export function useFundingMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  const on = { onSuccess: done };
  return {
    createCall: useMutation({ mutationFn: (body: BodyOf<typeof f.createCall>) => api(f.createCall, { body }), ...on }),
    moveCall: useMutation({ mutationFn: (x: { id: string; to: 'open' | 'review' | 'notice' | 'awarded' }) => api(f.moveCall, { params: { id: x.id }, body: { to: x.to } }), ...on }),
    apply: useMutation({ mutationFn: (body: BodyOf<typeof f.apply>) => api(f.apply, { body }), ...on }),
    formal: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.formalReview> }) => api(f.formalReview, { params: { id: x.id }, body: x.body }), ...on }),
    assign: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.assign> }) => api(f.assign, { params: { id: x.id }, body: x.body }), ...on }),
    extend: useMutation({ mutationFn: (x: { id: string; deadline: string }) => api(f.extendDeadline, { params: { id: x.id }, body: { deadline: x.deadline } }), ...on }),
    score: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.score> }) => api(f.score, { params: { id: x.id }, body: x.body }), ...on }),
    award: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.award> }) => api(f.award, { params: { id: x.id }, body: x.body }), ...on }),
    addAward: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.addAward> }) => api(f.addAward, { params: { id: x.id }, body: x.body }), ...on }),
    object: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.object> }) => api(f.object, { params: { id: x.id }, body: x.body }), ...on }),
    resolve: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.resolveObjection> }) => api(f.resolveObjection, { params: { id: x.id }, body: x.body }), ...on }),
    disburse: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.disburse> }) => api(f.disburse, { params: { id: x.id }, body: x.body }), ...on }),
    applyAcceptance: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.applyForAcceptance> }) => api(f.applyForAcceptance, { params: { id: x.id }, body: x.body }), ...on }),
    returnAcceptance: useMutation({ mutationFn: (x: { id: string; note: string }) => api(f.returnAcceptance, { params: { id: x.id }, body: { note: x.note } }), ...on }),
    accept: useMutation({ mutationFn: (x: { id: string; note: string }) => api(f.accept, { params: { id: x.id }, body: { note: x.note } }), ...on }),
    addExpert: useMutation({ mutationFn: (body: BodyOf<typeof f.addExpert>) => api(f.addExpert, { body }), ...on }),
    updateExpert: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof f.updateExpert> }) => api(f.updateExpert, { params: { id: x.id }, body: x.body }), ...on }),
  };
}
