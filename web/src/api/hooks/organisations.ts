import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { organisations as o } from '@shared/contracts/index.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['organisations'] as const;

export function useOrganisations(query: QueryOf<typeof o.listOrganisations>, enabled = true) {
  return useQuery({
    queryKey: [...root, 'list', query],
    queryFn: () => api(o.listOrganisations, { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: [...root, 'one', id],
    queryFn: () => api(o.getOrganisation, { params: { id: id! } }),
    enabled: !!id,
  });
}

export function useUpdateOrganisation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: BodyOf<typeof o.updateOrganisation>) => api(o.updateOrganisation, { params: { id }, body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: root }),
  });
}

export function useVerifyOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & BodyOf<typeof o.verifyOrganisation>) =>
      api(o.verifyOrganisation, { params: { id: v.id }, body: { decision: v.decision, note: v.note } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: root }),
  });
}

export function useMembers(orgId: string | null | undefined) {
  return useQuery({
    queryKey: [...root, 'members', orgId],
    queryFn: () => api(o.listMembers, { params: { id: orgId! } }),
    enabled: !!orgId,
  });
}

export function useRemoveMember(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api(o.removeMember, { params: { id: orgId, userId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: root }),
  });
}

export function useInvitations(orgId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...root, 'invitations', orgId],
    queryFn: () => api(o.listInvitations, { params: { id: orgId! } }),
    enabled: !!orgId && enabled,
  });
}

export function useInviteMember(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: BodyOf<typeof o.inviteMember>) => api(o.inviteMember, { params: { id: orgId }, body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...root, 'invitations', orgId] }),
  });
}

export function useRevokeInvitation(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api(o.revokeInvitation, { params: { id: orgId, invitationId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...root, 'invitations', orgId] }),
  });
}

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api(o.previewInvitation, { params: { token } }),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (b: BodyOf<typeof o.acceptInvitation>) => api(o.acceptInvitation, { params: { token }, body: b }),
  });
}
