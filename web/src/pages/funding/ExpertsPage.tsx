import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExpertView } from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { OrgSelect } from '../../components/OrgSelect';
import { PageTitle } from '../../components/PageTitle';
import { usePaging } from '../../components/usePaging';
import { useSession } from '../../session/SessionContext';
import { useExpertAccounts, useExperts, useFundingMutations } from './api';

type Expert = z.infer<typeof ExpertView>;
type Values = { userId: string; name: string; field: string; title: string; unit: string; unitOrgId?: string | null; active?: boolean };

/** The expert registry (专家库): field, title and unit (the unit drives conflict-of-interest exclusion). */
export function ExpertsPage() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const q = useExperts();
  const paging = usePaging(20);
  const manage = hasPermission('manage:funding_expert');
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);
  const items = q.data?.items ?? [];
  return (
    <div data-testid="experts-page">
      <PageTitle title={t('funding.experts')} extra={manage && <Button type="primary" onClick={() => setEditing('new')} data-testid="expert-add">{t('funding.expertsPage.add')}</Button>} />
      <ErrorAlert error={q.error} />
      <Table<Expert>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={items}
        pagination={paging.pagination(items.length)}
        data-testid="experts-table"
        columns={[
          { title: t('funding.expertsPage.name'), dataIndex: 'name' },
          { title: t('funding.expertsPage.field'), dataIndex: 'field' },
          { title: t('funding.expertsPage.title'), dataIndex: 'title' },
          { title: t('funding.expertsPage.unit'), key: 'u', render: (_, e) => <>{e.unit}{e.unitOrgName && e.unitOrgName !== e.unit ? `（${e.unitOrgName}）` : ''}</> },
          { title: 'ID', dataIndex: 'username' },
          { title: '', dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('funding.expertsPage.active')}</Tag> : <Tag>{t('funding.expertsPage.inactive')}</Tag>) },
          ...(manage ? [{ title: '', key: 'e', render: (_: unknown, e: Expert) => <Button size="small" onClick={() => setEditing(e)} data-testid={`expert-edit-${e.username}`}>{t('funding.expertsPage.edit')}</Button> }] : []),
        ]}
      />
      {editing && <ExpertModal expert={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function ExpertModal({ expert, onClose }: { expert: Expert | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const [search, setSearch] = useState('');
  const accounts = useExpertAccounts(search, !expert);
  const required = [{ required: true, message: t('catalog.editor.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (expert) await m.updateExpert.mutateAsync({ id: expert.id, body: { name: v.name, field: v.field, title: v.title, unit: v.unit, unitOrgId: v.unitOrgId ?? null, active: v.active } });
      else await m.addExpert.mutateAsync({ userId: v.userId, name: v.name, field: v.field, title: v.title, unit: v.unit, unitOrgId: v.unitOrgId ?? undefined });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open title={expert ? `${t('funding.expertsPage.edit')}：${expert.name}` : t('funding.expertsPage.add')} onCancel={onClose} onOk={submit} confirmLoading={m.addExpert.isPending || m.updateExpert.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'expert-submit' } as never}>
      <Form form={form} layout="vertical" initialValues={expert ? { ...expert } : { active: true }}>
        {!expert && (
          <Form.Item name="userId" label={t('funding.expertsPage.account')} rules={required}>
            <Select
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={accounts.isFetching}
              options={(accounts.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
              onChange={(v: string) => { const u = accounts.data?.items.find((x) => x.id === v); if (u && !form.getFieldValue('name')) form.setFieldValue('name', u.displayName); }}
              data-testid="expert-account"
            />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('funding.expertsPage.name')} rules={required}><Input maxLength={60} data-testid="expert-name" /></Form.Item>
        <Form.Item name="field" label={t('funding.expertsPage.field')} rules={required}><Input maxLength={100} data-testid="expert-field" /></Form.Item>
        <Form.Item name="title" label={t('funding.expertsPage.title')} rules={required}><Input maxLength={60} data-testid="expert-title" /></Form.Item>
        <Form.Item name="unit" label={t('funding.expertsPage.unit')} rules={required}><Input maxLength={200} data-testid="expert-unit" /></Form.Item>
        <Form.Item name="unitOrgId" label={t('funding.expertsPage.unitOrg')}><OrgSelect initial={expert?.unitOrgId && expert.unitOrgName ? { id: expert.unitOrgId, name: expert.unitOrgName } : null} /></Form.Item>
        {expert && <Form.Item name="active" label={t('funding.expertsPage.active')} valuePropName="checked"><Switch /></Form.Item>}
      </Form>
    </Modal>
  );
}
