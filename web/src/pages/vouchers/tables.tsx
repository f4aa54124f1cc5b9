import { useState } from 'react';
import { Button, Checkbox, Flex, Form, Input, Modal, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, ProgrammeView, RedemptionView, VoucherView } from '@shared/contracts/vouchers.js';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { useApplications, useRedemptions, useVoucherMutations, useVouchers } from './api';
import { ApplicationStatusTag, RedemptionStatusTag, VoucherStatusTag, yuan } from './money';

export function ProgrammesTable({ items, onApply, manage }: { items: ProgrammeView[]; onApply?: (p: ProgrammeView) => void; manage?: boolean }) {
  const { t } = useTranslation();
  const m = useVoucherMutations();
  const fail = useErrorToast();
  return (
    <Table<ProgrammeView>
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      pagination={false}
      dataSource={items}
      data-testid="programmes-table"
      columns={[
        { title: t('vouchers.programme.name'), dataIndex: 'name' },
        { title: t('vouchers.programme.status'), dataIndex: 'status', render: (s: ProgrammeView['status']) => <Tag>{t(`vouchers.programme.statuses.${s}`)}</Tag> },
        { title: t('vouchers.programme.categories'), key: 'c', render: (_, p) => p.serviceCategories.map((c) => t(`vouchers.categories.${c}`)).join('、') },
        { title: t('vouchers.programme.coverage'), key: 'cov', align: 'right', render: (_, p) => `${p.coverageBp / 100}%` },
        { title: t('vouchers.programme.faces'), key: 'f', render: (_, p) => p.faceValuesFen.map(yuan).join(' / ') },
        { title: t('vouchers.programme.available'), key: 'a', align: 'right', render: (_, p) => yuan(p.balance.availableFen) },
        ...(manage ? [{ title: t('vouchers.programme.budget'), key: 'b', align: 'right' as const, render: (_: unknown, p: ProgrammeView) => yuan(p.balance.allocatedFen) }] : []),
        {
          title: '',
          key: 'act',
          render: (_, p) => (
            <Flex gap={8}>
              {onApply && p.actions.includes('apply') && <Button type="primary" size="small" onClick={() => onApply(p)} data-testid={`apply-${p.id}`}>{t('vouchers.apply.button')}</Button>}
              {manage && p.actions.includes('manage') && p.status !== 'open' && <Button size="small" onClick={() => m.setStatus.mutateAsync({ id: p.id, status: 'open' }).catch(fail)} data-testid={`open-${p.id}`}>{t('vouchers.programme.open')}</Button>}
              {manage && p.actions.includes('manage') && p.status === 'open' && <Button size="small" onClick={() => m.setStatus.mutateAsync({ id: p.id, status: 'closed' }).catch(fail)}>{t('vouchers.programme.close')}</Button>}
            </Flex>
          ),
        },
      ]}
    />
  );
}

export function ApplicationsTable({ status }: { status?: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useApplications({ page, pageSize: 20, status });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table<ApplicationView>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="applications-table"
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('vouchers.programme.name'), key: 'p', render: (_, a) => <Link to={`/console/vouchers/applications/${a.id}`} data-testid={`application-link-${a.id}`}>{a.programme.name}</Link> },
          { title: t('vouchers.application.applicant'), key: 'o', render: (_, a) => a.organisation.name },
          { title: t('vouchers.apply.category'), key: 'c', render: (_, a) => t(`vouchers.categories.${a.serviceCategory}`) },
          { title: t('vouchers.apply.requested'), key: 'r', align: 'right', render: (_, a) => yuan(a.requestedFen) },
          { title: t('vouchers.application.checks'), key: 'k', render: (_, a) => { const bad = a.checks.filter((c) => !c.ok && c.severity === 'block').length; return bad ? <Tag color="red">{t('vouchers.application.failed')} {bad}</Tag> : <Tag color="green">{t('vouchers.application.passed')}</Tag>; } },
          { title: t('vouchers.programme.status'), dataIndex: 'status', render: (s: string) => <ApplicationStatusTag status={s} /> },
          { title: '', dataIndex: 'createdAt', render: formatDateTime },
        ]}
      />
    </>
  );
}

function VoidModal({ voucher, onClose }: { voucher: VoucherView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; blacklist: boolean }>();
  const m = useVoucherMutations();
  const fail = useErrorToast();
  return (
    <Modal open title={`${t('vouchers.voucher.void')} ${voucher.code}`} onCancel={onClose} okButtonProps={{ danger: true }} confirmLoading={m.voidVoucher.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        await m.voidVoucher.mutateAsync({ id: voucher.id, reason: v.reason, blacklist: !!v.blacklist }).then(onClose, fail);
      }}>
      <p>{t('vouchers.voucher.voidConfirm')}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('vouchers.voucher.voidReason')} rules={[{ required: true, message: t('catalog.editor.required') }]}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="blacklist" valuePropName="checked"><Checkbox>{t('vouchers.voucher.blacklist')}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

export function VouchersTable() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [voiding, setVoiding] = useState<VoucherView | null>(null);
  const q = useVouchers({ page, pageSize: 20 });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table<VoucherView>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="vouchers-table"
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('vouchers.voucher.code'), dataIndex: 'code', render: (c: string) => <code data-testid="voucher-code">{c}</code> },
          { title: t('vouchers.programme.name'), key: 'p', render: (_, v) => v.programme.name },
          { title: t('vouchers.voucher.holder'), key: 'h', render: (_, v) => v.organisation.name },
          { title: t('vouchers.voucher.face'), key: 'f', align: 'right', render: (_, v) => yuan(v.faceValueFen) },
          { title: t('vouchers.voucher.validity'), key: 'd', render: (_, v) => `${v.validFrom} ~ ${v.validUntil}` },
          { title: t('vouchers.programme.status'), dataIndex: 'status', render: (s: string) => <VoucherStatusTag status={s} /> },
          { title: '', key: 'a', render: (_, v) => v.actions.includes('void') && <Button size="small" danger onClick={() => setVoiding(v)}>{t('vouchers.voucher.void')}</Button> },
        ]}
      />
      {voiding && <VoidModal voucher={voiding} onClose={() => setVoiding(null)} />}
    </>
  );
}

export function RedemptionsTable({ status }: { status?: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useRedemptions({ page, pageSize: 20, status });
  return (
    <>
      <ErrorAlert error={q.error} />
      <Table<RedemptionView>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="redemptions-table"
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { count: n }) }}
        columns={[
          { title: t('vouchers.voucher.code'), key: 'c', render: (_, r) => <Link to={`/console/vouchers/redemptions/${r.id}`} data-testid={`redemption-link-${r.id}`}>{r.voucher.code}</Link> },
          { title: t('vouchers.redemption.enterprise'), key: 'e', render: (_, r) => r.enterprise.name },
          { title: t('vouchers.redemption.provider'), key: 'p', render: (_, r) => r.provider.name },
          { title: t('vouchers.redemption.amount'), key: 'a', align: 'right', render: (_, r) => yuan(r.amountFen) },
          { title: t('vouchers.redemption.flags'), key: 'f', render: (_, r) => (r.flags.length ? <Tag color="orange">{r.flags.length}</Tag> : '—') },
          { title: t('vouchers.programme.status'), dataIndex: 'status', render: (s: string) => <RedemptionStatusTag status={s} /> },
          { title: '', dataIndex: 'createdAt', render: formatDateTime },
        ]}
      />
    </>
  );
}
