import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as v from '@shared/contracts/vouchers.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../../api/client';

const root = ['vouchers'] as const;

export const usePrograms = () => useQuery({ queryKey: [...root, 'programmes'], queryFn: () => api(v.listProgrammes) });
export const useApplications = (query: QueryOf<typeof v.listApplications>) =>
  useQuery({ queryKey: [...root, 'applications', query], queryFn: () => api(v.listApplications, { query }), placeholderData: keepPreviousData });
export const useApplication = (id: string | undefined) => useQuery({ queryKey: [...root, 'application', id], queryFn: () => api(v.getApplication, { params: { id: id! } }), enabled: !!id });
export const useVouchers = (query: QueryOf<typeof v.listVouchers>) =>
  useQuery({ queryKey: [...root, 'vouchers', query], queryFn: () => api(v.listVouchers, { query }), placeholderData: keepPreviousData });
export const useRedemptions = (query: QueryOf<typeof v.listRedemptions>) =>
  useQuery({ queryKey: [...root, 'redemptions', query], queryFn: () => api(v.listRedemptions, { query }), placeholderData: keepPreviousData });
export const useRedemption = (id: string | undefined) => useQuery({ queryKey: [...root, 'redemption', id], queryFn: () => api(v.getRedemption, { params: { id: id! } }), enabled: !!id });
export const useBlacklist = (enabled: boolean) => useQuery({ queryKey: [...root, 'blacklist'], queryFn: () => api(v.listBlacklist), enabled });
export const useReport = (query: QueryOf<typeof v.report>) => useQuery({ queryKey: [...root, 'report', query], queryFn: () => api(v.report, { query }), placeholderData: keepPreviousData });

/** Every voucher mutation; each refreshes the voucher queries. */
export function useVoucherMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  return {
    createProgramme: useMutation({ mutationFn: (body: BodyOf<typeof v.createProgramme>) => api(v.createProgramme, { body }), onSuccess: done }),
    setStatus: useMutation({ mutationFn: (x: { id: string; status: 'open' | 'closed' }) => api(v.setProgrammeStatus, { params: { id: x.id }, body: { status: x.status } }), onSuccess: done }),
    apply: useMutation({ mutationFn: (body: BodyOf<typeof v.apply>) => api(v.apply, { body }), onSuccess: done }),
    decideApplication: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof v.decideApplication> }) => api(v.decideApplication, { params: { id: x.id }, body: x.body }), onSuccess: done }),
    redeem: useMutation({ mutationFn: (body: BodyOf<typeof v.redeem>) => api(v.redeem, { body }), onSuccess: done }),
    decideRedemption: useMutation({ mutationFn: (x: { id: string; body: BodyOf<typeof v.decideRedemption> }) => api(v.decideRedemption, { params: { id: x.id }, body: x.body }), onSuccess: done }),
    pay: useMutation({ mutationFn: (x: { id: string; paymentReference: string }) => api(v.payRedemption, { params: { id: x.id }, body: { paymentReference: x.paymentReference } }), onSuccess: done }),
    voidVoucher: useMutation({ mutationFn: (x: { id: string; reason: string; blacklist: boolean }) => api(v.voidVoucher, { params: { id: x.id }, body: { reason: x.reason, blacklist: x.blacklist } }), onSuccess: done }),
    lift: useMutation({ mutationFn: (id: string) => api(v.liftBlacklist, { params: { id } }), onSuccess: done }),
  };
}
