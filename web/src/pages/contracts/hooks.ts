import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as c from '@shared/contracts/contracts.js';
import * as r from '@shared/contracts/rewards.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../../api/client';

const root = ['contracts'] as const;
const rewardsRoot = ['rewards'] as const;

export function useContracts(query: QueryOf<typeof c.listContracts>) {
  return useQuery({ queryKey: [...root, 'list', query], queryFn: () => api(c.listContracts, { query }), placeholderData: keepPreviousData });
}

export function useContract(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(c.getContract, { params: { id: id! } }), enabled: !!id });
}

export function usePrefill(query: QueryOf<typeof c.prefillContract>, enabled: boolean) {
  return useQuery({ queryKey: [...root, 'prefill', query], queryFn: () => api(c.prefillContract, { query }), enabled });
}

export function useContractStatistics(query: QueryOf<typeof c.contractStatistics>) {
  return useQuery({ queryKey: [...root, 'stats', query], queryFn: () => api(c.contractStatistics, { query }), placeholderData: keepPreviousData });
}

export type ContractMove = 'submit' | 'withdraw' | 'return' | 'reclassify' | 'refuse' | 'approve';
const MOVES = {
  submit: c.submitContract,
  withdraw: c.withdrawContract,
  return: c.returnContract,
  reclassify: c.reclassifyContract,
  refuse: c.refuseContract,
  approve: c.approveContract,
} as const;

export function useContractMutations() {
  const qc = useQueryClient();
  const done = (view: c.ContractView) => {
    qc.setQueryData([...root, 'one', view.id], view);
    return qc.invalidateQueries({ queryKey: root });
  };
  return {
    create: useMutation({ mutationFn: (body: BodyOf<typeof c.createContract>) => api(c.createContract, { body }), onSuccess: done }),
    update: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof c.updateContract> }) => api(c.updateContract, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    amend: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof c.amendContract> }) => api(c.amendContract, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    terminate: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof c.terminateContract> }) => api(c.terminateContract, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    move: useMutation({
      mutationFn: (v: { move: ContractMove; id: string; body: unknown }) => api(MOVES[v.move] as typeof c.returnContract, { params: { id: v.id }, body: v.body as never }),
      onSuccess: done,
    }),
  };
}

export function useIncomes(query: QueryOf<typeof r.listIncomes>) {
  return useQuery({ queryKey: [...rewardsRoot, 'list', query], queryFn: () => api(r.listIncomes, { query }), placeholderData: keepPreviousData });
}

export function useMinimums() {
  return useQuery({ queryKey: [...rewardsRoot, 'minimums'], queryFn: () => api(r.rewardMinimums), staleTime: Infinity });
}

export function useRewardMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: rewardsRoot });
  return {
    record: useMutation({ mutationFn: (body: BodyOf<typeof r.recordIncome>) => api(r.recordIncome, { body }), onSuccess: done }),
    calculate: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof r.calculateReward> }) => api(r.calculateReward, { params: { id: v.id }, body: v.body }) }),
    save: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof r.saveReward> }) => api(r.saveReward, { params: { id: v.id }, body: v.body }), onSuccess: done }),
  };
}

export function useMajors() {
  return useQuery({ queryKey: ['majors'], queryFn: () => api(r.listMajors) });
}

export function useMajorMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['majors'] });
  return {
    decide: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof r.decideMajor> }) => api(r.decideMajor, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    create: useMutation({ mutationFn: (body: BodyOf<typeof r.createMajor>) => api(r.createMajor, { body }), onSuccess: done }),
  };
}
