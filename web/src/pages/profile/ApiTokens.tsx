import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/hooks/tokens';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { SecretModal } from '../../components/SecretModal';

type Values = { name: string; expiresInDays?: number | null; password: string };

export function ApiTokens() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [form] = Form.useForm<Values>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <Card
      title={t('profile.tokens.title')}
      extra={
        <Button onClick={() => setCreating(true)} data-testid="token-create">
          {t('profile.tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('profile.tokens.intro')}</Typography.Paragraph>
      <ErrorAlert error={tokens.error} />
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={tokens.isPending}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('profile.tokens.name'), dataIndex: 'name' },
          { title: t('profile.tokens.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('profile.tokens.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => (v ? formatDateTime(v) : t('profile.tokens.neverUsed')) },
          { title: t('profile.tokens.expires'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatDateTime(v) : t('profile.tokens.never')) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, row) => (
              <Popconfirm
                title={t('profile.tokens.revokeConfirm')}
                okButtonProps={{ danger: true }}
                onConfirm={() => revoke.mutateAsync(row.id).then(() => ok(t('profile.tokens.revoked')), fail)}
              >
                <Button danger size="small">{t('profile.tokens.revoke')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('profile.tokens.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <ErrorAlert error={create.error} />
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            create.mutate(
              { name: v.name, expiresInDays: v.expiresInDays ?? undefined, password: v.password },
              {
                onSuccess: (r) => {
                  setCreating(false);
                  setSecret(r.secret);
                },
                onError: (e) => applyFieldErrors(form, e),
              },
            )
          }
        >
          <Form.Item name="name" label={t('profile.tokens.name')} rules={[{ required: true, message: t('validation.required') }, { max: 60 }]}>
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('profile.tokens.expiresInDays')}>
            <InputNumber min={1} max={730} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="password" label={t('auth.passwordChange.current')} extra={t('profile.tokens.passwordHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" data-testid="token-password" />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal
        open={secret !== null}
        title={t('profile.tokens.createdTitle')}
        hint={t('profile.tokens.createdHint')}
        secret={secret}
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
