import { useCallback } from 'react';
import { Alert, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

function describe(err: unknown): { message: string; requestId: string | null } {
  if (err instanceof ApiError) return { message: err.message, requestId: err.requestId };
  return { message: err instanceof Error ? err.message : String(err), requestId: null };
}

/** A toast for failed actions; shows the server's message and the request id for support. */
export function useErrorToast() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      const d = describe(err);
      void message.error(d.requestId ? `${d.message} (${t('common.requestId')}: ${d.requestId})` : d.message);
    },
    [message, t],
  );
}

export function useSuccessToast() {
  const { message } = App.useApp();
  return useCallback((text: string) => void message.success(text), [message]);
}

/** Inline error for a failed load or form submission. */
export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  if (!error) return null;
  const d = describe(error);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16, ...style }}
      message={d.message}
      description={d.requestId ? `${t('common.requestId')}: ${d.requestId}` : undefined}
    />
  );
}
