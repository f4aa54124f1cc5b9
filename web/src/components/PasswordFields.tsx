import { Form, Input } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useTranslation } from 'react-i18next';
import { PasswordRules, passwordPolicyRule } from './PasswordRules';

/**
 * New password + confirmation with the live policy checklist. `name` may be
 * nested (['user', 'password']) so server field errors land on it directly.
 */
export function PasswordFields({
  name,
  label,
  confirmLabel,
  username,
  testIds,
}: {
  name: NamePath;
  label: string;
  confirmLabel: string;
  /** Field holding the username, for the "must not contain the username" rule. */
  username?: NamePath;
  testIds?: { password: string; confirm: string };
}) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const password = Form.useWatch(name, form) as string | undefined;
  const watchedUser: unknown = Form.useWatch(username ?? '__no_username__', form);
  const user = username && typeof watchedUser === 'string' ? watchedUser : undefined;
  const confirmName = Array.isArray(name) ? [...(name as (string | number)[]).slice(0, -1), '__confirm'] : '__confirm';
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        rules={[{ required: true, message: t('validation.required') }, passwordPolicyRule(i18n.language, () => user)]}
        style={{ marginBottom: 16 }}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds?.password} />
      </Form.Item>
      <PasswordRules password={password} username={user} />
      <Form.Item
        name={confirmName}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              !v || v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={testIds?.confirm} />
      </Form.Item>
    </>
  );
}
