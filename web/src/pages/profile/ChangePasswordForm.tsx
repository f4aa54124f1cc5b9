import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useSuccessToast } from '../../components/feedback';
import { PasswordFields } from '../../components/PasswordFields';

type Values = { currentPassword: string; newPassword: string };

export function ChangePasswordForm({ username, onDone }: { username: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values & { username: string }>();
  const change = useChangePassword();
  const ok = useSuccessToast();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ username }}
      onFinish={(v) =>
        change.mutate(
          { currentPassword: v.currentPassword, newPassword: v.newPassword },
          {
            onSuccess: () => {
              form.resetFields();
              ok(t('auth.passwordChange.done'));
              onDone?.();
            },
            onError: (e) => applyFieldErrors(form, e),
          },
        )
      }
    >
      <ErrorAlert error={change.error} />
      {/* Hidden, so the policy check can reject passwords containing the username. */}
      <Form.Item name="username" hidden>
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item name="currentPassword" label={t('auth.passwordChange.current')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" data-testid="pw-current" />
      </Form.Item>
      <PasswordFields
        name="newPassword"
        username="username"
        label={t('auth.passwordChange.new')}
        confirmLabel={t('auth.passwordChange.confirm')}
        testIds={{ password: 'pw-new', confirm: 'pw-confirm' }}
      />
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="pw-submit">
        {t('auth.passwordChange.submit')}
      </Button>
    </Form>
  );
}
