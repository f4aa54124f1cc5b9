import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_ROLES } from '@shared/contracts/organisations.js';
import { useInvitations, useInviteMember, useRevokeInvitation } from '../../api/hooks/organisations';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { RoleTags, useRoleName } from '../../components/Tags';

type InviteValues = { email: string; roles: (typeof MEMBER_ROLES)[number][] };

/** Shown only when the organisation's `actions` include 'invite'; the same action governs revoking. */
export function Invitations({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const list = useInvitations(orgId);
  const invite = useInviteMember(orgId);
  const revoke = useRevokeInvitation(orgId);
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<InviteValues>();

  const state = (i: { acceptedAt: string | null; revokedAt: string | null; expiresAt: string }) =>
    i.acceptedAt ? 'accepted' : i.revokedAt ? 'revoked' : Date.parse(i.expiresAt) < Date.now() ? 'expired' : 'open';
  const COLORS = { open: 'blue', accepted: 'green', revoked: 'default', expired: 'default' } as const;

  return (
    <Card
      title={t('org.invitations')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)} data-testid="invite-open">
          {t('org.invite')}
        </Button>
      }
    >
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('org.invitation.email'), dataIndex: 'email' },
          { title: t('org.invitation.roles'), dataIndex: 'roles', render: (r: string[]) => <RoleTags roles={r} /> },
          {
            title: t('org.invitation.status'),
            key: 'state',
            render: (_, i) => {
              const s = state(i);
              return <Tag color={COLORS[s]}>{t(`org.invitation.${s}`)}</Tag>;
            },
          },
          { title: t('org.invitation.expires'), dataIndex: 'expiresAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, i) =>
              state(i) === 'open' ? (
                <Popconfirm
                  title={t('org.invitation.revokeConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke.mutateAsync(i.id).then(() => ok(t('org.invitation.revokedDone')), fail)}
                >
                  <Button danger size="small">{t('org.invitation.revoke')}</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('org.invite')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={invite.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={invite.error} />
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            invite.mutate(v, {
              onSuccess: () => {
                setOpen(false);
                ok(t('org.invited'));
              },
              onError: (e) => applyFieldErrors(form, e),
            })
          }
        >
          <Form.Item name="email" label={t('org.inviteEmail')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
            <Input data-testid="invite-email" />
          </Form.Item>
          <Form.Item name="roles" label={t('org.inviteRoles')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select mode="multiple" options={MEMBER_ROLES.map((r) => ({ value: r, label: roleName(r) }))} data-testid="invite-roles" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
