import { Alert, Button, Card, Form, Input, QRCode, Space, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '@shared/contracts/identity.js';
import { useConfirmTotp, useDisableTotp, useEnrolTotp } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useSuccessToast } from '../../components/feedback';

type CodeValues = { code: string; password?: string };

/** A current code; with `withPassword`, the account password too (turning the second factor off). */
function CodeForm({ onSubmit, loading, submitText, testId, withPassword = false }: { onSubmit: (values: CodeValues, form: FormInstance<CodeValues>) => void; loading: boolean; submitText: string; testId: string; withPassword?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CodeValues>();
  return (
    <Form form={form} layout="inline" onFinish={(v) => onSubmit(v, form)} style={{ rowGap: 8 }}>
      {withPassword && (
        <Form.Item name="password" rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password placeholder={t('auth.passwordChange.current')} autoComplete="current-password" style={{ width: 200 }} data-testid={`${testId}-password`} />
        </Form.Item>
      )}
      <Form.Item name="code" rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.code6') }]}>
        <Input placeholder={t('profile.totp.code')} inputMode="numeric" maxLength={6} autoComplete="one-time-code" style={{ width: 160 }} data-testid={`${testId}-code`} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={loading} data-testid={`${testId}-submit`}>
        {submitText}
      </Button>
    </Form>
  );
}

/**
 * Enrolment shows the otpauth link as a QR code for the authenticator app,
 * and the secret as text for apps that cannot scan.
 */
export function TotpCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const enrol = useEnrolTotp();
  const confirm = useConfirmTotp();
  const disable = useDisableTotp();
  const ok = useSuccessToast();

  if (!me.canEnrolTotp && !me.totpEnabled) return null;

  return (
    <Card title={t('profile.totp.title')}>
      {me.totpEnabled ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon message={t('profile.totp.enabled')} />
          <Typography.Text type="secondary">{t('profile.totp.disableHint')}</Typography.Text>
          <ErrorAlert error={disable.error} />
          <CodeForm
            testId="totp-disable"
            withPassword
            submitText={t('profile.totp.disable')}
            loading={disable.isPending}
            onSubmit={({ code, password = '' }, form) => disable.mutate({ code, password }, { onSuccess: () => ok(t('profile.totp.disabled')), onError: (e) => applyFieldErrors(form, e) })}
          />
        </Space>
      ) : enrol.data ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('profile.totp.scanHint')}</Typography.Paragraph>
          <QRCode value={enrol.data.otpauthUrl} size={180} data-testid="totp-qr" />
          <Typography.Text strong>{t('profile.totp.secret')}</Typography.Text>
          <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
            {enrol.data.secret}
          </Typography.Paragraph>
          <Typography.Text strong>{t('profile.totp.url')}</Typography.Text>
          <Typography.Paragraph copyable code style={{ wordBreak: 'break-all' }} data-testid="totp-url">
            {enrol.data.otpauthUrl}
          </Typography.Paragraph>
          <ErrorAlert error={confirm.error} />
          <CodeForm
            testId="totp-confirm"
            submitText={t('profile.totp.confirm')}
            loading={confirm.isPending}
            onSubmit={({ code }, form) =>
              confirm.mutate({ code }, { onSuccess: () => { enrol.reset(); ok(t('profile.totp.confirmed')); }, onError: (e) => applyFieldErrors(form, e) })
            }
          />
        </Space>
      ) : (
        <Space direction="vertical">
          <Typography.Text type="secondary">{t('profile.totp.disabledNote')}</Typography.Text>
          <ErrorAlert error={enrol.error} />
          <Button onClick={() => enrol.mutate()} loading={enrol.isPending} data-testid="totp-start">
            {t('profile.totp.start')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
