import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as m from '@shared/contracts/matching.js';
import * as f from '@shared/contracts/match-feedback.js';
import type { BodyOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['matching'] as const;

export function useDemandMatches(id: string | undefined, limit = 10) {
  return useQuery({ queryKey: [...root, 'demand', id, limit], queryFn: () => api(m.demandMatches, { params: { id: id! }, query: { limit } }), enabled: !!id });
}

export function useAchievementMatches(id: string | undefined, target: 'demands' | 'enterprises', limit = 10) {
  return useQuery({
    queryKey: [...root, 'achievement', id, target, limit],
    queryFn: () => api(m.achievementMatches, { params: { id: id! }, query: { target, limit } }),
    enabled: !!id,
  });
}

export function useSimilarAchievements(id: string | undefined, limit = 6) {
  return useQuery({ queryKey: [...root, 'similar', id, limit], queryFn: () => api(m.similarAchievements, { params: { id: id! }, query: { limit } }), enabled: !!id });
}

export function useTextMatch() {
  return useMutation({
    mutationFn: (v: { target: m.MatchKind; body: BodyOf<typeof m.matchAchievements> }) =>
      api(v.target === 'achievement' ? m.matchAchievements : m.matchDemands, { body: v.body }),
  });
}

export function useFeedback() {
  return useMutation({ mutationFn: (body: BodyOf<typeof f.postFeedback>) => api(f.postFeedback, { body }) });
}

export function useSubscriptions() {
  return useQuery({ queryKey: [...root, 'subscriptions'], queryFn: () => api(m.listSubscriptions, {}) });
}

export function useSubscriptionHits(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'subscriptions', id, 'hits'], queryFn: () => api(m.subscriptionHits, { params: { id: id! } }), enabled: !!id });
}

export function useSubscriptionMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: [...root, 'subscriptions'] });
  return {
    create: useMutation({ mutationFn: (body: BodyOf<typeof m.createSubscription>) => api(m.createSubscription, { body }), onSuccess: done }),
    update: useMutation({
      mutationFn: (v: { id: string; body: BodyOf<typeof m.updateSubscription> }) => api(m.updateSubscription, { params: { id: v.id }, body: v.body }),
      onSuccess: done,
    }),
    remove: useMutation({ mutationFn: (id: string) => api(m.deleteSubscription, { params: { id } }), onSuccess: done }),
  };
}

export function useUnsubscribe() {
  return useMutation({ mutationFn: (token: string) => api(m.unsubscribe, { body: { token } }) });
}

// ---- impressions: lists shown, sent in batches ---------------------------

type ShownList = { direction: m.MatchDirection; queryId?: string; resultIds: string[] };
const pending: ShownList[] = [];
const sentKeys = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  timer = null;
  const lists = pending.splice(0, 50);
  if (lists.length === 0) return;
  // Best effort: a lost impression costs one count in the funnel, never the page.
  void api(f.postImpressions, { body: { lists }, background: true }).catch(() => {});
  if (pending.length > 0) timer = setTimeout(flush, 3000);
}

/**
 * Records that a list of suggestions was shown (the funnel's first stage).
 * Lists are collected for three seconds and sent together; the same list
 * shown again in this page session counts once.
 */
export function noteShown(list: ShownList): void {
  if (list.resultIds.length === 0) return;
  const key = `${list.direction}|${list.queryId ?? ''}|${list.resultIds.join(',')}`;
  if (sentKeys.has(key)) return;
  sentKeys.add(key);
  pending.push({ ...list, resultIds: list.resultIds.slice(0, 100) });
  if (!timer) timer = setTimeout(flush, 3000);
}
