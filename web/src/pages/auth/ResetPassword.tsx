import { Alert, Button, Form, Result } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useConfirmPasswordReset } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../components/feedback';
import { PasswordFields } from '../../components/PasswordFields';
import { AuthCard } from './AuthCard';

export function ResetPassword() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const reset = useConfirmPasswordReset();
  const [form] = Form.useForm<{ newPassword: string }>();

  if (!token) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <Alert type="error" showIcon message={t('auth.reset.noToken')} />
        <div style={{ marginTop: 16 }}>
          <Link to="/forgot-password">{t('auth.forgot.title')}</Link>
        </div>
      </AuthCard>
    );
  }

  if (reset.isSuccess) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <Result status="success" subTitle={t('auth.reset.done')} extra={<Link to="/login">{t('auth.login.submit')}</Link>} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.reset.title')}>
      <ErrorAlert error={reset.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          reset.mutate({ token, newPassword: v.newPassword }, { onError: (e) => applyFieldErrors(form, e) })
        }
      >
        <PasswordFields
          name="newPassword"
          label={t('auth.reset.newPassword')}
          confirmLabel={t('password.confirm')}
          testIds={{ password: 'reset-password', confirm: 'reset-password-confirm' }}
        />
        <Button type="primary" htmlType="submit" block loading={reset.isPending} data-testid="reset-submit">
          {t('auth.reset.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
