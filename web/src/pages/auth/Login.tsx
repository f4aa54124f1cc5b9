import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '@shared/contracts/identity.js';
import { useLogin, useVerifyTotp } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../components/feedback';
import { safeNext } from '../../session/navigation';
import { PASSWORD_CHANGE_PATH } from '../../session/guards';
import { useSession } from '../../session/SessionContext';
import { AuthCard } from './AuthCard';

export function Login() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user, mfaPending, signOut, loading } = useSession();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');
  const login = useLogin();
  const totp = useVerifyTotp();
  const [form] = Form.useForm();
  const [totpForm] = Form.useForm();
  const [justSignedIn, setJustSignedIn] = useState(false);

  const proceed = (s: SessionView) => {
    if (s.mfaPending || !s.user) return;
    setJustSignedIn(true);
    navigate(s.user.mustChangePassword ? PASSWORD_CHANGE_PATH : next, { replace: true });
  };

  // Already signed in (e.g. the back button): nothing to do here.
  if (!loading && user && !justSignedIn) return <Navigate to={user.mustChangePassword ? PASSWORD_CHANGE_PATH : next} replace />;

  if (mfaPending) {
    return (
      <AuthCard title={t('auth.login.totpTitle')}>
        <Typography.Paragraph type="secondary">{t('auth.login.totpHint')}</Typography.Paragraph>
        <ErrorAlert error={totp.error} />
        <Form
          form={totpForm}
          layout="vertical"
          onFinish={(v: { code: string }) => totp.mutate(v, { onSuccess: proceed, onError: (e) => applyFieldErrors(totpForm, e) })}
        >
          <Form.Item
            name="code"
            label={t('auth.login.totpCode')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.code6') }]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus data-testid="login-totp" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={totp.isPending} data-testid="login-totp-submit">
            {t('auth.login.totpSubmit')}
          </Button>
          <Button type="link" block onClick={() => void signOut()} style={{ marginTop: 8 }}>
            {t('auth.login.useAnother')}
          </Button>
        </Form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.login.title')}>
      {(reason === 'expired' || reason === 'idle') && !login.error && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={reason === 'idle' ? t('idle.expired') : t('auth.login.expired')} />
      )}
      <ErrorAlert error={login.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { username: string; password: string }) =>
          login.mutate(v, { onSuccess: proceed, onError: (e) => applyFieldErrors(form, e) })
        }
      >
        <Form.Item name="username" label={t('auth.login.username')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.login.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', marginTop: 16, gap: 8 }}>
        <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
        <span>
          {t('auth.login.noAccount')} <Link to="/register">{t('auth.login.register')}</Link>
        </span>
      </div>
    </AuthCard>
  );
}
