import { useEffect } from 'react';
import { Button, Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '@shared/contracts/identity.js';
import type { Locale } from '@shared/roles.js';
import { useUpdateMe } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { rememberLocale } from '../../i18n';

type Values = { displayName: string; email: string; phone: string; locale: Locale; currentPassword?: string };

export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateMe();
  const ok = useSuccessToast();
  const fail = useErrorToast();

  useEffect(() => {
    form.setFieldsValue({ displayName: me.displayName, email: me.email ?? '', phone: me.phone ?? '', locale: me.locale });
  }, [form, me]);

  // A new e-mail address needs the current password (a password reset goes there).
  const email = Form.useWatch('email', form);
  const emailChanges = !!email && email.trim().toLowerCase() !== (me.email ?? '').toLowerCase();

  const submit = (v: Values) =>
    update.mutate(
      // Cleared inputs mean "remove", which the contract spells null.
      { displayName: v.displayName, email: v.email || null, phone: v.phone || null, locale: v.locale, ...(emailChanges && v.currentPassword ? { currentPassword: v.currentPassword } : {}) },
      {
        onSuccess: () => {
          rememberLocale(v.locale);
          form.setFieldValue('currentPassword', undefined);
          ok(t('common.saved'));
        },
        onError: (e) => applyFieldErrors(form, e) || fail(e),
      },
    );

  return (
    <Card title={t('profile.basics')}>
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 480 }}>
        <Form.Item label={t('profile.username')}>
          <Input value={me.username} disabled />
        </Form.Item>
        <Form.Item name="displayName" label={t('profile.displayName')} rules={[{ required: true, message: t('validation.required') }, { max: 60 }]}>
          <Input data-testid="profile-display-name" />
        </Form.Item>
        <Form.Item name="email" label={t('profile.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input data-testid="profile-email" />
        </Form.Item>
        {emailChanges && (
          <Form.Item name="currentPassword" label={t('auth.passwordChange.current')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" data-testid="profile-current-password" />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('profile.phone')} rules={[{ pattern: /^\+?[0-9-]{6,20}$/, message: t('validation.phone') }]}>
          <Input data-testid="profile-phone" />
        </Form.Item>
        <Form.Item name="locale" label={t('profile.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
