import { Alert, Card } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Reached by redirect when the account must change its password before anything else. */
export function PasswordChangePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <Card title={t('auth.passwordChange.title')} style={{ maxWidth: 560 }}>
      {user.mustChangePassword && <Alert type="warning" showIcon message={t('auth.passwordChange.forced')} style={{ marginBottom: 16 }} data-testid="pw-forced" />}
      <ChangePasswordForm username={user.username} onDone={() => navigate('/console', { replace: true })} />
    </Card>
  );
}
