import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Form, Input, List, Modal, Segmented, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/trading.js';
import type { BidderView } from '@shared/contracts/trading.js';
import { api, download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { ObjectionItem } from './DealPage';
import { Fen } from './format';
import { useBidders, useObjections, useTradingMutation } from './hooks';

function RecordButton({ b, kind }: { b: BidderView; kind: 'deposit' | 'refund' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reference: string }>();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const m = useTradingMutation((reference: string) => api(kind === 'deposit' ? c.recordDeposit : c.recordRefund, { params: { id: b.id }, body: { reference } }));
  const title = kind === 'deposit' ? t('trading.actions.recordDeposit') : t('trading.actions.recordRefund');
  return (
    <>
      <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid={`record-${kind}`}>{title}</Button>
      <Modal open={open} title={`${title} · ${b.organisation.name}`} destroyOnHidden onCancel={() => setOpen(false)} confirmLoading={m.isPending}
        onOk={() => void form.validateFields().then((v) => m.mutateAsync(v.reference).then(() => { ok(title); setOpen(false); }).catch((e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); }))}>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reference" label={t('trading.fields.reference')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} data-testid="deposit-reference" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Deposits() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'unpaid' | 'refund_due' | 'paid' | 'refunded'>('unpaid');
  const [page, setPage] = useState(1);
  const q = useBidders({ depositStatus: status, page, pageSize: 20 });
  return (
    <>
      <Segmented value={status} onChange={(v) => { setStatus(v as typeof status); setPage(1); }} style={{ marginBottom: 12 }} options={(['unpaid', 'refund_due', 'paid', 'refunded'] as const).map((s) => ({ value: s, label: t(`trading.deposit.${s}`) }))} />
      <ErrorAlert error={q.error} />
      <Table rowKey="id" size="small" loading={q.isFetching} dataSource={q.data?.items ?? []} scroll={{ x: true }} pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }} data-testid="deposit-desk" columns={[
        { title: t('trading.fields.achievement'), render: (_, b) => <Link to={`/trading/auctions/${b.auctionId}`}>{b.title}</Link> },
        { title: t('trading.fields.organisation'), render: (_, b) => <>{b.organisation.name} <Tag>{t('trading.bidderLabel', { no: b.bidderNo })}</Tag></> },
        { title: t('trading.fields.deposit'), align: 'right', render: (_, b) => <Fen fen={b.depositFen} /> },
        { title: t('trading.fields.reference'), render: (_, b) => b.refundReference ?? b.depositReference ?? '—' },
        { title: t('trading.fields.registeredAt'), render: (_, b) => formatDateTime(b.registeredAt) },
        { title: '', render: (_, b) => (b.actions.includes('record_deposit') ? <RecordButton b={b} kind="deposit" /> : b.actions.includes('record_refund') ? <RecordButton b={b} kind="refund" /> : null) },
      ]} />
    </>
  );
}

function Objections() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'upheld' | 'dismissed'>('open');
  const q = useObjections({ status, page: 1, pageSize: 100 });
  return (
    <>
      <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} style={{ marginBottom: 12 }} options={(['open', 'upheld', 'dismissed'] as const).map((s) => ({ value: s, label: t(`trading.objectionStatus.${s}`) }))} />
      <ErrorAlert error={q.error} />
      <List loading={q.isFetching} dataSource={q.data?.items ?? []} renderItem={(o) => (
        <div key={o.id}>
          <Link to={`/trading/deals/${o.dealId}`}>{o.deal.achievement.title}</Link> · {o.deal.seller.name} → {o.deal.buyer.name} · <Fen fen={o.deal.amountFen} />
          <ObjectionItem o={o} />
        </div>
      )} />
    </>
  );
}

/** The bureau's trading desk: deposits to record, refunds due, objections to resolve. */
export function TradingDesk() {
  const { t } = useTranslation();
  const fail = useErrorToast();
  return (
    <div data-testid="trading-desk">
      <PageTitle title={t('trading.desk.title')} extra={<Button icon={<DownloadOutlined />} onClick={() => void download(c.exportDeals, {}, 'deals.xlsx').catch(fail)} data-testid="export-deals">{t('trading.desk.export')}</Button>} />
      <Tabs items={[
        { key: 'deposits', label: t('trading.desk.deposits'), children: <Deposits /> },
        { key: 'objections', label: t('trading.desk.objections'), children: <Objections /> },
      ]} />
    </div>
  );
}
