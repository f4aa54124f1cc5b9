import { useEffect } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ROLES, type Role } from '@shared/roles.js';
import type { UserView } from '@shared/contracts/users.js';
import { useCreateUser, useUpdateUser } from '../../api/hooks/users';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useSuccessToast } from '../../components/feedback';
import { OrgSelect } from '../../components/OrgSelect';
import { useRoleName } from '../../components/Tags';

type User = z.infer<typeof UserView>;
type Values = {
  username: string;
  displayName: string;
  email?: string;
  organisationId?: string | null;
  roles: Exclude<Role, 'visitor'>[];
  status?: 'active' | 'disabled';
};

const ASSIGNABLE = ROLES.filter((r): r is Exclude<Role, 'visitor'> => r !== 'visitor');

/** Create (user = null) or edit an account; a created account's one-time password goes to onCreated. */
export function UserForm({
  open,
  user,
  onClose,
  onCreated,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  onCreated: (oneTimePassword: string) => void;
}) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const ok = useSuccessToast();
  const pending = create.isPending || update.isPending;
  const error = user ? update.error : create.error;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        email: user.email ?? '',
        organisationId: user.organisation?.id ?? null,
        roles: user.roles.filter((r): r is Exclude<Role, 'visitor'> => r !== 'visitor'),
        status: user.status,
      });
    }
    create.reset();
    update.reset();
    // Reset only when the dialog opens for a (new) user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, user]);

  const submit = (v: Values) => {
    const onError = (e: unknown) => applyFieldErrors(form, e);
    if (user) {
      update.mutate(
        {
          id: user.id,
          body: { displayName: v.displayName, email: v.email || null, organisationId: v.organisationId ?? null, roles: v.roles, status: v.status },
        },
        { onSuccess: () => { ok(t('accounts.updated')); onClose(); }, onError },
      );
    } else {
      create.mutate(
        { username: v.username, displayName: v.displayName, email: v.email || undefined, organisationId: v.organisationId ?? undefined, roles: v.roles },
        { onSuccess: (r) => { onClose(); onCreated(r.oneTimePassword); }, onError },
      );
    }
  };

  return (
    <Modal
      open={open}
      title={user ? t('accounts.edit') : t('accounts.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={pending}
      forceRender
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="username"
          label={t('accounts.username')}
          normalize={(v: string) => (v ?? '').trim().toLowerCase()}
          rules={[{ required: true, message: t('validation.required') }, { pattern: /^[a-z0-9][a-z0-9._-]{2,31}$/, message: t('validation.username') }]}
        >
          <Input disabled={!!user} data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true, message: t('validation.required') }, { max: 60 }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="email" label={t('accounts.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input data-testid="user-email" />
        </Form.Item>
        <Form.Item name="organisationId" label={t('accounts.organisation')}>
          <OrgSelect initial={user?.organisation ?? null} />
        </Form.Item>
        <Form.Item name="roles" label={t('accounts.roles')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select mode="multiple" options={ASSIGNABLE.map((r) => ({ value: r, label: roleName(r) }))} data-testid="user-roles" />
        </Form.Item>
        {user && (
          <Form.Item name="status" label={t('accounts.status')}>
            <Select
              options={[
                { value: 'active', label: t('userStatus.active') },
                { value: 'disabled', label: t('userStatus.disabled') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
