import { Button, Form, Input, Result, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useRequestPasswordReset } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../components/feedback';
import { AuthCard } from './AuthCard';

export function ForgotPassword() {
  const { t } = useTranslation();
  const req = useRequestPasswordReset();
  const [form] = Form.useForm<{ email: string }>();

  if (req.isSuccess) {
    return (
      <AuthCard title={t('auth.forgot.title')}>
        <Result
          status="success"
          subTitle={<span data-testid="forgot-sent">{t('auth.forgot.sent')}</span>}
          extra={<Link to="/login">{t('auth.forgot.backToLogin')}</Link>}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('auth.forgot.title')}>
      <Typography.Paragraph type="secondary">{t('auth.forgot.intro')}</Typography.Paragraph>
      <ErrorAlert error={req.error} />
      <Form form={form} layout="vertical" onFinish={(v) => req.mutate(v, { onError: (e) => applyFieldErrors(form, e) })}>
        <Form.Item
          name="email"
          label={t('auth.forgot.email')}
          rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}
        >
          <Input autoComplete="email" data-testid="forgot-email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={req.isPending} data-testid="forgot-submit">
          {t('auth.forgot.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        <Link to="/login">{t('auth.forgot.backToLogin')}</Link>
      </div>
    </AuthCard>
  );
}
