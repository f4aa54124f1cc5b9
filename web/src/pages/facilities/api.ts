import type { KeyboardEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as f from '@shared/contracts/facilities.js';
import type { BodyOf, QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../../api/client';

const root = ['facilities'] as const;

export const useDirectory = (query: QueryOf<typeof f.directory>) =>
  useQuery({ queryKey: [...root, 'directory', query], queryFn: () => api(f.directory, { query }), placeholderData: keepPreviousData });
export const useFacility = (id: string | undefined) => useQuery({ queryKey: [...root, 'one', id], queryFn: () => api(f.getFacility, { params: { id: id! } }), enabled: !!id });
export const useMyFacilities = (query: QueryOf<typeof f.listMyFacilities>) =>
  useQuery({ queryKey: [...root, 'mine', query], queryFn: () => api(f.listMyFacilities, { query }), placeholderData: keepPreviousData });
export const useCalendar = (id: string | undefined, query: QueryOf<typeof f.calendar>) =>
  useQuery({ queryKey: [...root, 'calendar', id, query], queryFn: () => api(f.calendar, { params: { id: id! }, query }), enabled: !!id });
export const useBookings = (query: QueryOf<typeof f.listBookings>) =>
  useQuery({ queryKey: [...root, 'bookings', query], queryFn: () => api(f.listBookings, { query }), placeholderData: keepPreviousData });
export const useUsage = (id: string) => useQuery({ queryKey: [...root, 'usage', id], queryFn: () => api(f.listUsage, { params: { id }, query: { pageSize: 50 } }) });
export const useUtilisation = (id: string, year: number) => useQuery({ queryKey: [...root, 'utilisation', id, year], queryFn: () => api(f.utilisation, { params: { id }, query: { year } }) });

export function useFacilityMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: root });
  return {
    create: useMutation({ mutationFn: (body: BodyOf<typeof f.createFacility>) => api(f.createFacility, { body }), onSuccess: done }),
    update: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof f.updateFacility> }) => api(f.updateFacility, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    withdraw: useMutation({ mutationFn: (id: string) => api(f.withdrawFacility, { params: { id }, body: {} }), onSuccess: done }),
    review: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof f.reviewFacility> }) => api(f.reviewFacility, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    book: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof f.requestBooking> }) => api(f.requestBooking, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    move: useMutation({
      mutationFn: (v: { move: 'confirm' | 'decline' | 'cancel'; id: string; note?: string }) =>
        api(v.move === 'confirm' ? f.confirmBooking : v.move === 'decline' ? f.declineBooking : f.cancelBooking, { params: { id: v.id }, body: { note: v.note } }),
      onSuccess: done,
    }),
    usage: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof f.recordUsage> }) => api(f.recordUsage, { params: { id: v.id }, body: v.body }), onSuccess: done }),
    block: useMutation({ mutationFn: (v: { id: string; body: BodyOf<typeof f.addBlock> }) => api(f.addBlock, { params: { id: v.id }, body: v.body }), onSuccess: done }),
  };
}

/**
 * A form's onKeyDown: Enter in a date or time picker confirms the typed value
 * and must not also submit the form (found by the facilities journey: typing
 * opening hours and pressing Enter registered the facility twice).
 */
export function pickerEnterStays(e: KeyboardEvent<HTMLFormElement>): void {
  if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('.ant-picker')) e.preventDefault();
}

/** Fen as yuan with two decimals. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);
