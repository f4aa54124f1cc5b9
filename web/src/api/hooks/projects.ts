import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as p from '@shared/contracts/projects.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../client';

const root = ['projects'] as const;

export function useProjects(query: QueryOf<typeof p.listProjects>) {
  return useQuery({ queryKey: [...root, 'list', query], queryFn: () => api(p.listProjects, { query }), placeholderData: keepPreviousData });
}

export function useProject(id: string | null) {
  return useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(p.getProject, { params: { id: id! } }), enabled: !!id });
}

export function useOverdue(query: QueryOf<typeof p.listOverdue>) {
  return useQuery({ queryKey: [...root, 'overdue', query], queryFn: () => api(p.listOverdue, { query }), placeholderData: keepPreviousData });
}

export function useProjectMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  return {
    register: useMutation({ mutationFn: (body: BodyOf<typeof p.registerProject>) => api(p.registerProject, { body }), onSuccess: done }),
    update: useMutation({
      mutationFn: (v: { id: string; body: BodyOf<typeof p.updateProject> }) => api(p.updateProject, { params: { id: v.id }, body: v.body }),
      onSuccess: done,
    }),
    defineObligation: useMutation({
      mutationFn: (v: { id: string; body: BodyOf<typeof p.defineObligation> }) => api(p.defineObligation, { params: { id: v.id }, body: v.body }),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: (v: { id: string; body: BodyOf<typeof p.submitObligation> }) => api(p.submitObligation, { params: { id: v.id }, body: v.body }),
      onSuccess: done,
    }),
    accept: useMutation({
      mutationFn: (v: { id: string; note?: string }) => api(p.acceptObligation, { params: { id: v.id }, body: { note: v.note } }),
      onSuccess: done,
    }),
    return: useMutation({
      mutationFn: (v: { id: string; note: string }) => api(p.returnObligation, { params: { id: v.id }, body: { note: v.note } }),
      onSuccess: done,
    }),
  };
}
