import { useState } from 'react';
import { Button, Input, Modal, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FacilityView } from '@shared/contracts/facilities.js';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { districtTime } from '../../components/district-time';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useFacilityMutations, useMyFacilities, yuan } from './api';
import { FacilityForm } from './FacilityForm';

/** The owner's facilities (register, edit, withdraw) and, for the bureau, the review queue. */
export function MyFacilities() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const reviewer = hasPermission('review:facility');
  const [tab, setTab] = useState<'mine' | 'queue'>(reviewer ? 'queue' : 'mine');
  const q = useMyFacilities({ status: tab === 'queue' ? 'submitted' : undefined, pageSize: 100 });
  const m = useFacilityMutations();
  const toast = useErrorToast();
  const [editing, setEditing] = useState<FacilityView | null | undefined>(undefined);
  const [returning, setReturning] = useState<FacilityView | null>(null);
  const [note, setNote] = useState('');
  const act = (p: Promise<unknown>) => p.catch(toast);
  return (
    <div data-testid="my-facilities">
      <PageTitle title={t('console.menu.facilities')} extra={hasPermission('create:facility') && <Button type="primary" onClick={() => setEditing(null)} data-testid="facility-add">{t('facilities.console.add')}</Button>} />
      {reviewer && <Tabs activeKey={tab} onChange={(k) => setTab(k as 'mine' | 'queue')} items={[{ key: 'queue', label: t('facilities.console.queue') }, { key: 'mine', label: t('facilities.console.mine') }]} />}
      <ErrorAlert error={q.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('facilities.fields.name'), key: 'n', render: (_, f: FacilityView) => <Link to={`/console/facilities/${f.id}`}>{f.name}</Link> },
          { title: t('facilities.fields.kind'), key: 'k', render: (_, f: FacilityView) => t(`facilities.kinds.${f.kind}`) },
          { title: t('facilities.fields.owner'), key: 'o', render: (_, f: FacilityView) => f.organisation.name },
          { title: t('facilities.fields.fee'), key: 'fee', render: (_, f: FacilityView) => `${yuan(f.feeFen)} ${t(`facilities.feeUnits.${f.feeUnit}`)}` },
          {
            title: t('facilities.fields.status'),
            key: 's',
            render: (_, f: FacilityView) => (
              <Space size={4} wrap>
                <Tag data-testid={`facility-status-${f.status}`}>{t(`facilities.statuses.${f.status}`)}</Tag>
                {f.pendingChanges && <Tag color="orange">{t('facilities.detail.pendingChange')}</Tag>}
              </Space>
            ),
          },
          { title: '', dataIndex: 'updatedAt', render: (v: string) => districtTime(v) },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, f: FacilityView) => (
              <Space wrap>
                {f.actions.includes('update') && <Button size="small" onClick={() => setEditing(f)}>{t('facilities.console.edit')}</Button>}
                {f.actions.includes('withdraw') && (
                  <Popconfirm title={t('facilities.console.withdrawConfirm')} onConfirm={() => act(m.withdraw.mutateAsync(f.id))}>
                    <Button size="small" danger>{t('facilities.console.withdraw')}</Button>
                  </Popconfirm>
                )}
                {f.actions.includes('approve') && <Button size="small" type="primary" data-testid="facility-approve" onClick={() => act(m.review.mutateAsync({ id: f.id, body: { decision: 'approve' } }))}>{t('facilities.console.approve')}</Button>}
                {f.actions.includes('return') && <Button size="small" onClick={() => { setNote(''); setReturning(f); }}>{t('facilities.console.return')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <FacilityForm open={editing !== undefined} facility={editing ?? null} onClose={() => setEditing(undefined)} />
      <Modal
        open={!!returning}
        title={t('facilities.console.return')}
        okButtonProps={{ disabled: !note.trim() }}
        onCancel={() => setReturning(null)}
        onOk={() => act(m.review.mutateAsync({ id: returning!.id, body: { decision: 'return', note } }).then(() => setReturning(null)))}
      >
        <Input.TextArea rows={3} placeholder={t('facilities.console.returnNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  );
}
