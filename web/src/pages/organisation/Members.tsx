import { Button, Card, Popconfirm, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { MEMBER_ACTIONS, allows } from '../../api/actions';
import { useMembers, useRemoveMember } from '../../api/hooks/organisations';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { RoleTags, UserStatusTag } from '../../components/Tags';

export function Members({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const members = useMembers(orgId);
  const remove = useRemoveMember(orgId);
  const ok = useSuccessToast();
  const fail = useErrorToast();
  return (
    <Card title={t('org.members')}>
      <ErrorAlert error={members.error} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={members.isPending}
        dataSource={members.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ 'data-testid': `member-row-${r.username}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('org.member.username'), dataIndex: 'username' },
          { title: t('org.member.displayName'), dataIndex: 'displayName' },
          { title: t('org.member.email'), dataIndex: 'email', render: (v: string | null) => v ?? '—' },
          { title: t('org.member.roles'), dataIndex: 'roles', render: (r: string[]) => <RoleTags roles={r} /> },
          { title: t('org.member.status'), dataIndex: 'status', render: (s: string) => <UserStatusTag status={s} /> },
          { title: t('org.member.lastLogin'), dataIndex: 'lastLoginAt', render: formatDateTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, m) =>
              allows(m, MEMBER_ACTIONS.remove) ? (
                <Popconfirm
                  title={t('org.member.removeConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutateAsync(m.id).then(() => ok(t('org.member.removed')), fail)}
                >
                  <Button danger size="small" data-testid="member-remove">
                    {t('org.member.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
