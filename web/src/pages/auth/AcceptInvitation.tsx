import { Alert, Button, Descriptions, Form, Input, Result } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAcceptInvitation, useInvitationPreview } from '../../api/hooks/organisations';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PasswordFields } from '../../components/PasswordFields';
import { RoleTags } from '../../components/Tags';
import { FullPageSpin } from '../../session/guards';
import { AuthCard } from './AuthCard';

type Values = { username: string; displayName: string; password: string };

export function AcceptInvitation() {
  const { t } = useTranslation();
  const token = useParams().token ?? '';
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);
  const [form] = Form.useForm<Values>();

  if (preview.isPending) return <FullPageSpin />;
  if (preview.isError) {
    return (
      <AuthCard title={t('auth.invite.title')}>
        <Alert type="error" showIcon message={t('auth.invite.invalid')} description={preview.error.message} />
      </AuthCard>
    );
  }
  if (accept.isSuccess) {
    return (
      <AuthCard title={t('auth.invite.title')}>
        <Result status="success" subTitle={t('auth.invite.done')} extra={<Link to="/login">{t('auth.login.submit')}</Link>} />
      </AuthCard>
    );
  }

  const inv = preview.data;
  return (
    <AuthCard title={t('auth.invite.title')}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('auth.invite.intro', { organisation: inv.organisationName, email: inv.email })} />
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('auth.invite.roles')}>
          <RoleTags roles={inv.roles} />
        </Descriptions.Item>
        <Descriptions.Item label={t('auth.invite.expires')}>{formatDateTime(inv.expiresAt)}</Descriptions.Item>
      </Descriptions>
      <ErrorAlert error={accept.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          accept.mutate(
            { username: v.username, displayName: v.displayName, password: v.password },
            { onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        <Form.Item
          name="username"
          label={t('auth.register.username')}
          normalize={(v: string) => (v ?? '').trim().toLowerCase()}
          rules={[{ required: true, message: t('validation.required') }, { pattern: /^[a-z0-9][a-z0-9._-]{2,31}$/, message: t('validation.username') }]}
        >
          <Input autoComplete="username" data-testid="invite-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.register.displayName')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input autoComplete="name" data-testid="invite-display-name" />
        </Form.Item>
        <PasswordFields
          name="password"
          username="username"
          label={t('auth.register.password')}
          confirmLabel={t('auth.register.passwordConfirm')}
          testIds={{ password: 'invite-password', confirm: 'invite-password-confirm' }}
        />
        <Button type="primary" htmlType="submit" block loading={accept.isPending} data-testid="invite-submit">
          {t('auth.invite.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
