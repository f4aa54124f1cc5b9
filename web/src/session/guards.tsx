import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from './SessionContext';

export const PASSWORD_CHANGE_PATH = '/console/password-change';

export function FullPageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}>
      <Spin size="large" />
    </div>
  );
}

/** Console pages need a signed-in user who has no pending forced password change. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { loading, user } = useSession();
  const loc = useLocation();
  if (loading) return <FullPageSpin />;
  if (!user) {
    const next = encodeURIComponent(loc.pathname + loc.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (user.mustChangePassword && loc.pathname !== PASSWORD_CHANGE_PATH) {
    return <Navigate to={PASSWORD_CHANGE_PATH} replace />;
  }
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbidden')} />;
}

/** Route-level check only; each object's `actions` decides its buttons. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { hasPermission } = useSession();
  return hasPermission(permission) ? <>{children}</> : <Forbidden />;
}
