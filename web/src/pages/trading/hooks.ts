import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as c from '@shared/contracts/trading.js';
import type { AuctionPublic, BidView } from '@shared/contracts/trading.js';
import type { QueryOf } from '@shared/contracts/endpoint.js';
import { api } from '../../api/client';

const root = ['trading'] as const;

export function useTradeListings(query: QueryOf<typeof c.listListings>) {
  return useQuery({ queryKey: [...root, 'listings', query], queryFn: () => api(c.listListings, { query }), placeholderData: keepPreviousData });
}
export function useTradeListing(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'listing', id], queryFn: () => api(c.getListing, { params: { id: id! } }), enabled: !!id });
}
export function useNotices(query: QueryOf<typeof c.listNotices>) {
  return useQuery({ queryKey: [...root, 'notices', query], queryFn: () => api(c.listNotices, { query }), placeholderData: keepPreviousData });
}
export function useDeal(id: string | undefined) {
  return useQuery({ queryKey: [...root, 'deal', id], queryFn: () => api(c.getDeal, { params: { id: id! } }), enabled: !!id });
}
export function useMyTrading() {
  return useQuery({ queryKey: [...root, 'mine'], queryFn: () => api(c.myTrading) });
}
export function useBidders(query: QueryOf<typeof c.listBidders>) {
  return useQuery({ queryKey: [...root, 'bidders', query], queryFn: () => api(c.listBidders, { query }), placeholderData: keepPreviousData });
}
export function useObjections(query: QueryOf<typeof c.listObjections>) {
  return useQuery({ queryKey: [...root, 'objections', query], queryFn: () => api(c.listObjections, { query }), placeholderData: keepPreviousData });
}

/** Every trading write: refresh whatever trading data is on screen afterwards. */
export function useTradingMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: root }) });
}

export type LiveState = { auction: AuctionPublic; bids: BidView[] };

/**
 * The auction's live state: the event stream (EventSource reconnects by
 * itself and sends Last-Event-ID), with the poll endpoint every 5 s as the
 * fallback while the stream is down. Each update also refreshes the
 * caller's own status (the stream is public and carries none).
 */
export function useAuctionLive(id: string | undefined) {
  const qc = useQueryClient();
  const [streaming, setStreaming] = useState(false);
  const poll = useQuery({
    queryKey: [...root, 'auction', id],
    queryFn: () => api(c.getAuction, { params: { id: id! }, query: {}, background: true }),
    enabled: !!id,
    refetchInterval: streaming ? false : 5000,
  });
  useEffect(() => {
    if (!id || typeof EventSource === 'undefined') return;
    const es = new EventSource(`/api/v1/trading/auctions/${id}/events`);
    es.onopen = () => setStreaming(true);
    es.onerror = () => setStreaming(false);
    es.addEventListener('state', () => {
      void qc.invalidateQueries({ queryKey: [...root, 'auction', id] });
    });
    return () => es.close();
  }, [id, qc]);
  return { ...poll, streaming };
}

/** Milliseconds left until `iso`, ticking every second, corrected by the server's clock. */
export function useCountdown(iso: string | undefined, serverTime: string | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // The browser's clock may be off; count on the server's.
    const skew = serverTime ? Date.parse(serverTime) - Date.now() : 0;
    const t = setInterval(() => setNow(Date.now() + skew), 1000);
    return () => clearInterval(t);
  }, [serverTime]);
  if (!iso) return null;
  return Math.max(0, Date.parse(iso) - now);
}
