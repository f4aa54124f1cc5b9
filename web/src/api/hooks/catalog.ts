import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  achievementWorkflow,
  approveRevision,
  bulkApprove,
  demandWorkflow,
  returnRevision,
  reviewQueue,
  type AchievementRecord,
  type DemandRecord,
} from '@shared/contracts/catalog.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

/** The listing workflow (drafts, submission, review) for both kinds. */
export const WORKFLOW = { achievement: achievementWorkflow, demand: demandWorkflow } as const;
export type ListingRecord = AchievementRecord | DemandRecord;
type Draft = BodyOf<typeof achievementWorkflow.create> | BodyOf<typeof demandWorkflow.create>;

const root = ['listings'] as const;

export function useMyListings(kind: ListingKind, query: QueryOf<typeof achievementWorkflow.listMine>) {
  return useQuery({
    queryKey: [...root, kind, 'mine', query],
    queryFn: () => api(WORKFLOW[kind].listMine, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useListingRecord(kind: ListingKind, id: string | undefined) {
  return useQuery({
    queryKey: [...root, kind, 'record', id],
    queryFn: (): Promise<ListingRecord> => api(WORKFLOW[kind].get, { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useRevisionContent(kind: ListingKind, id: string | undefined, revisionId: string | null) {
  return useQuery({
    queryKey: [...root, kind, 'revision', id, revisionId],
    queryFn: () => api(WORKFLOW[kind].revision, { params: { id: id!, revisionId: revisionId! } }),
    enabled: !!id && !!revisionId,
  });
}

/** All workflow mutations of one kind; each refreshes every listing query. */
export function useListingMutations(kind: ListingKind) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  const w = WORKFLOW[kind];
  return {
    create: useMutation({
      mutationFn: (body: Draft): Promise<ListingRecord> => api(w.create, { body: body as never }),
      onSuccess: done,
    }),
    save: useMutation({
      mutationFn: (v: { id: string; body: Draft }): Promise<ListingRecord> => api(w.saveDraft, { params: { id: v.id }, body: v.body as never }),
      onSuccess: done,
    }),
    submit: useMutation({ mutationFn: (id: string): Promise<ListingRecord> => api(w.submit, { params: { id } }), onSuccess: done }),
    withdraw: useMutation({
      mutationFn: (v: { id: string; reason: string }): Promise<ListingRecord> => api(w.withdraw, { params: { id: v.id }, body: { reason: v.reason } }),
      onSuccess: done,
    }),
    discard: useMutation({ mutationFn: (id: string) => api(w.discardDraft, { params: { id } }), onSuccess: done }),
  };
}

export function useCloseDemand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & BodyOf<typeof demandWorkflow.close>) =>
      api(demandWorkflow.close, { params: { id: v.id }, body: { reason: v.reason, note: v.note } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: root }),
  });
}

export function useReviewQueue(query: QueryOf<typeof reviewQueue>) {
  return useQuery({
    queryKey: [...root, 'queue', query],
    queryFn: () => api(reviewQueue, { query }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  return {
    approve: useMutation({
      mutationFn: (v: { id: string } & BodyOf<typeof approveRevision>) =>
        api(approveRevision, { params: { id: v.id }, body: { checklist: v.checklist, note: v.note } }),
      onSuccess: done,
    }),
    return: useMutation({
      mutationFn: (v: { id: string; reasons: string }) => api(returnRevision, { params: { id: v.id }, body: { reasons: v.reasons } }),
      onSuccess: done,
    }),
    bulk: useMutation({ mutationFn: (body: BodyOf<typeof bulkApprove>) => api(bulkApprove, { body }), onSuccess: done }),
  };
}
