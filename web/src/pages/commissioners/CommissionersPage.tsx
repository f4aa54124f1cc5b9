import { useState } from 'react';
import { Button, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COMMISSIONER_KINDS, LEGAL_TYPES, type AssignmentView, type CommissionerView } from '@shared/contracts/commissioners.js';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { usePaging } from '../../components/usePaging';
import { useCommissionerList, useCommissionerMutations } from './api';
import { AssignModal } from './AssignModal';

/** Commissioners with their assignments; the bureau administrator registers and assigns them. */
export function CommissionersPage() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const manage = hasPermission('manage:commissioner');
  const [q, setQ] = useState('');
  const paging = usePaging(20);
  const list = useCommissionerList({ q: q || undefined, ...paging.query });
  const m = useCommissionerMutations();
  const toast = useErrorToast();
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<CommissionerView | null>(null);
  const [form] = Form.useForm();
  const create = async (v: { kind: 'individual' | 'team'; name: string; members?: string; expertise: string; homeUnit: string; legalType: 'legal_person' | 'individual'; phone?: string }) => {
    try {
      const split = (s?: string) => (s ?? '').split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean);
      await m.create.mutateAsync({ kind: v.kind, name: v.name, members: split(v.members), expertise: split(v.expertise), homeUnit: v.homeUnit, legalType: v.legalType, phone: v.phone || null });
      setCreating(false);
    } catch (e) {
      if (!applyFieldErrors(form, e)) toast(e);
    }
  };
  return (
    <div data-testid="commissioners-page">
      <PageTitle title={t('commissioners.list.title')} extra={<Space><Input.Search allowClear onSearch={(v) => { setQ(v.trim()); paging.reset(); }} style={{ width: 220 }} data-testid="commissioner-search" />{manage && <Button type="primary" onClick={() => { form.resetFields(); setCreating(true); }}>{t('commissioners.list.add')}</Button>}</Space>} />
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('commissioners.fields.name'), key: 'n', render: (_, c: CommissionerView) => <Link to={`/console/commissioners/${c.id}`} data-testid="commissioner-link">{c.name}</Link> },
          { title: t('commissioners.fields.kind'), key: 'k', render: (_, c: CommissionerView) => t(`commissioners.kinds.${c.kind}`) },
          { title: t('commissioners.fields.expertise'), key: 'e', render: (_, c: CommissionerView) => c.expertise.join('、') },
          { title: t('commissioners.fields.homeUnit'), dataIndex: 'homeUnit' },
          { title: t('commissioners.fields.legalType'), key: 'l', render: (_, c: CommissionerView) => t(`commissioners.legalTypes.${c.legalType}`) },
          {
            title: t('commissioners.fields.target'),
            key: 'a',
            render: (_, c: CommissionerView) => (
              <Space direction="vertical" size={2}>
                {c.assignments.filter((a) => a.status === 'active').map((a: AssignmentView) => (
                  <span key={a.id}>
                    <Tag color={a.current ? 'green' : 'default'}>{t(`commissioners.targets.${a.targetKind}`)}</Tag>
                    {a.village ? `${a.village.township.name}${a.village.name}` : a.organisation?.name} {a.startsOn} ~ {a.endsOn ?? ''}
                  </span>
                ))}
              </Space>
            ),
          },
          { title: t('commissioners.fields.status'), key: 's', render: (_, c: CommissionerView) => <Tag>{t(`commissioners.statuses.${c.status}`)}</Tag> },
          { title: t('common.actions'), key: 'x', render: (_, c: CommissionerView) => manage && c.status === 'active' && <Button size="small" onClick={() => setAssigning(c)} data-testid="commissioner-assign">{t('commissioners.list.assign')}</Button> },
        ]}
      />
      <Drawer open={creating} onClose={() => setCreating(false)} title={t('commissioners.list.add')} width={480}>
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ kind: 'individual', legalType: 'individual' }}>
          <Form.Item name="kind" label={t('commissioners.fields.kind')}><Select options={COMMISSIONER_KINDS.map((k) => ({ value: k, label: t(`commissioners.kinds.${k}`) }))} /></Form.Item>
          <Form.Item name="name" label={t('commissioners.fields.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="members" label={t('commissioners.fields.members')}><Input /></Form.Item>
          <Form.Item name="expertise" label={t('commissioners.fields.expertise')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="homeUnit" label={t('commissioners.fields.homeUnit')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="legalType" label={t('commissioners.fields.legalType')}><Select options={LEGAL_TYPES.map((k) => ({ value: k, label: t(`commissioners.legalTypes.${k}`) }))} /></Form.Item>
          <Form.Item name="phone" label={t('commissioners.fields.phone')}><Input maxLength={30} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={m.create.isPending}>{t('common.submit')}</Button>
        </Form>
      </Drawer>
      <AssignModal commissioner={assigning} onClose={() => setAssigning(null)} />
    </div>
  );
}
