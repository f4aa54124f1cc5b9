import { useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { Button, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ROLES, type Role } from '@shared/roles.js';
import type { UserView } from '@shared/contracts/users.js';
import { USER_ACTIONS, allows } from '../../api/actions';
import { useResetUserPassword, useUnlockUser, useUpdateUser, useUsers } from '../../api/hooks/users';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { SecretModal } from '../../components/SecretModal';
import { RoleTags, UserStatusTag, useRoleName } from '../../components/Tags';
import { UserForm } from './UserForm';

type User = z.infer<typeof UserView>;

export function Accounts() {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const [q, setQ] = useState<string | undefined>();
  const [role, setRole] = useState<Role | undefined>();
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useUsers({ q, role, status, page, pageSize });
  const reset = useResetUserPassword();
  const unlock = useUnlockUser();
  const update = useUpdateUser();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [editing, setEditing] = useState<User | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [otp, setOtp] = useState<string | null>(null);

  const isLocked = (u: User) => !!u.lockedUntil && Date.parse(u.lockedUntil) > Date.now();

  return (
    <>
      <PageTitle
        title={t('accounts.title')}
        extra={
          <Button type="primary" onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="user-create">
            {t('accounts.create')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('accounts.search')} onSearch={(v) => { setQ(v || undefined); setPage(1); }} style={{ width: 240 }} />
        <Select
          allowClear
          placeholder={t('accounts.allRoles')}
          value={role}
          onChange={(v: Role | undefined) => { setRole(v); setPage(1); }}
          options={ROLES.filter((r) => r !== 'visitor').map((r) => ({ value: r, label: roleName(r) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t('accounts.allStatuses')}
          value={status}
          onChange={(v: 'active' | 'disabled' | undefined) => { setStatus(v); setPage(1); }}
          options={[
            { value: 'active', label: t('userStatus.active') },
            { value: 'disabled', label: t('userStatus.disabled') },
          ]}
          style={{ width: 140 }}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ 'data-testid': `user-row-${r.username}` }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, s) => { setPage(p); setPageSize(s); },
        }}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username' },
          { title: t('accounts.displayName'), dataIndex: 'displayName' },
          { title: t('accounts.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
          { title: t('accounts.roles'), dataIndex: 'roles', render: (r: string[]) => <RoleTags roles={r} /> },
          { title: t('accounts.organisation'), key: 'org', render: (_, u) => u.organisation?.name ?? '—' },
          {
            title: t('accounts.status'),
            key: 'status',
            render: (_, u) => (
              <Space size={4}>
                <UserStatusTag status={u.status} />
                {isLocked(u) && <Tag icon={<LockOutlined />} color="red">{t('accounts.locked')}</Tag>}
              </Space>
            ),
          },
          { title: t('accounts.totp'), dataIndex: 'totpEnabled', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          { title: t('accounts.lastLogin'), dataIndex: 'lastLoginAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, u) => (
              <Space size={4} wrap>
                {allows(u, USER_ACTIONS.update) && (
                  <Button size="small" onClick={() => { setEditing(u); setFormOpen(true); }}>
                    {t('common.edit')}
                  </Button>
                )}
                {allows(u, USER_ACTIONS.resetPassword) && (
                  <Popconfirm
                    title={t('accounts.resetConfirm')}
                    onConfirm={() => reset.mutateAsync(u.id).then((r) => setOtp(r.oneTimePassword), fail)}
                  >
                    <Button size="small">{t('accounts.resetPassword')}</Button>
                  </Popconfirm>
                )}
                {allows(u, USER_ACTIONS.unlock) && (
                  <Button size="small" onClick={() => unlock.mutateAsync(u.id).then(() => ok(t('accounts.unlocked')), fail)}>
                    {t('accounts.unlock')}
                  </Button>
                )}
                {allows(u, USER_ACTIONS.disable) ? (
                    <Popconfirm
                      title={t('accounts.disableConfirm')}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => update.mutateAsync({ id: u.id, body: { status: 'disabled' } }).then(() => ok(t('accounts.updated')), fail)}
                    >
                      <Button size="small" danger>{t('accounts.disable')}</Button>
                    </Popconfirm>
                ) : allows(u, USER_ACTIONS.update) && u.status === 'disabled' ? (
                    <Button size="small" onClick={() => update.mutateAsync({ id: u.id, body: { status: 'active' } }).then(() => ok(t('accounts.updated')), fail)}>
                      {t('accounts.enable')}
                    </Button>
                  ) : null}
              </Space>
            ),
          },
        ]}
      />
      <UserForm open={formOpen} user={editing} onClose={() => setFormOpen(false)} onCreated={(p) => { ok(t('accounts.created')); setOtp(p); }} />
      <SecretModal open={otp !== null} title={t('accounts.oneTimeTitle')} hint={t('accounts.oneTimeHint')} secret={otp} onClose={() => setOtp(null)} />
    </>
  );
}
