import { useEffect, useState } from 'react';
import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { lastActivityAt } from '../api/client';
import { useSession } from './SessionContext';

const WARN_MS = 60_000;

/**
 * Mirrors the server's idle timeout: the server counts requests as activity,
 * so the countdown restarts whenever the client makes a non-background call.
 */
export function IdleWatcher() {
  const { t } = useTranslation();
  const { user, session, expire, refresh, signOut } = useSession();
  const timeoutMs = session.idleTimeoutSeconds ? session.idleTimeoutSeconds * 1000 : null;
  const [remaining, setRemaining] = useState<number | null>(null);

  useEffect(() => {
    if (!user || !timeoutMs) return;
    const tick = () => {
      const left = lastActivityAt() + timeoutMs - Date.now();
      if (left <= 0) {
        setRemaining(null);
        expire('idle');
      } else {
        setRemaining(left <= WARN_MS ? left : null);
      }
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [user, timeoutMs, expire]);

  return (
    <Modal
      open={Boolean(user && timeoutMs) && remaining !== null}
      title={t('idle.title')}
      okText={t('idle.stay')}
      cancelText={t('idle.signOut')}
      onOk={() => void refresh()}
      onCancel={() => void signOut()}
      closable={false}
      maskClosable={false}
      data-testid="idle-warning"
    >
      {t('idle.body', { seconds: Math.ceil((remaining ?? 0) / 1000) })}
    </Modal>
  );
}
