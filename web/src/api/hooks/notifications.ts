import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications as n } from '@shared/contracts/index.js';
import { api } from '../client';

const root = ['notifications'] as const;

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...root, 'unread'],
    queryFn: () => api(n.unreadCount, { background: true }),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useNotifications(unreadOnly: boolean) {
  return useQuery({
    queryKey: [...root, 'list', unreadOnly],
    queryFn: () => api(n.listNotifications, { query: { unreadOnly: unreadOnly ? 'true' : undefined, limit: 100 } }),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api(n.markNotificationRead, { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: root }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api(n.markAllNotificationsRead),
    onSuccess: () => qc.invalidateQueries({ queryKey: root }),
  });
}
