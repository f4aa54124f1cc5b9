import { useState } from 'react';
import { CheckCircleOutlined, ClockCircleOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/trading.js';
import type { DealConfirmationView } from '@shared/contracts/trading.js';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useEnumLabel } from '../../catalog/locale';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { Fen, useFen } from './format';
import { useTradingMutation } from './hooks';

type Side = NonNullable<DealConfirmationView['seller']>;

function SideState({ label, name, s }: { label: string; name: string; s: Side | null }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" wrap data-testid={`confirmation-${label}`}>
      <Typography.Text strong>{t(`trading.confirmation.side.${label as 'seller'}`)}</Typography.Text>
      <span>{name}</span>
      {s ? (
        <>
          <Tag icon={<CheckCircleOutlined />} color="green" data-testid="side-confirmed">{t('trading.confirmation.confirmedBy', { name: s.confirmedBy?.displayName ?? '—', time: formatDateTime(s.confirmedAt) })}</Tag>
          {!s.current && <Tag color="orange">{t('trading.confirmation.changed')}</Tag>}
        </>
      ) : (
        <Tag icon={<ClockCircleOutlined />} data-testid="side-pending">{t('trading.confirmation.pending')}</Tag>
      )}
    </Flex>
  );
}

/**
 * The deal confirmation (成交确认书) of a final deal, for its parties and the
 * bureau: the content, each side's confirmation, the PDF, and 确认成交 (the
 * password modal) for a party that has not confirmed yet.
 */
export function DealConfirmationCard({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const fen = useFen();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const q = useQuery({ queryKey: ['trading', 'confirmation', dealId], queryFn: () => api(c.getDealConfirmation, { params: { id: dealId } }) });
  const confirm = useTradingMutation((b: { password: string; contentHash: string }) => api(c.confirmDeal, { params: { id: dealId }, body: b }));
  const v = q.data;
  if (!v) return <Card size="small" title={t('trading.confirmation.title')}><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</Card>;
  const k = v.content;
  const how =
    k.method === 'auction' && k.auction
      ? `${t('trading.confirmation.method.auction')} · ${t('trading.confirmation.winningBid', { amount: fen(k.auction.winningBidFen), count: k.auction.bidCount })}`
      : k.method === 'offer' && k.offerFen !== null
        ? `${t('trading.confirmation.method.offer')} · ${t('trading.confirmation.offerAmount', { amount: fen(k.offerFen) })}`
        : t(`trading.confirmation.method.${k.method}`);
  const party = (p: typeof k.seller) => <>{p.name}<br /><Typography.Text type="secondary">{t('trading.confirmation.creditCode')}：{p.creditCode ?? '—'}</Typography.Text></>;
  const submit = () =>
    void form
      .validateFields()
      .then((f) => confirm.mutateAsync({ password: f.password, contentHash: v.contentHash }))
      .then(() => {
        ok(t('trading.confirmation.done'));
        setOpen(false);
      })
      .catch((e: unknown) => {
        if (e && typeof e === 'object' && 'errorFields' in e) return;
        if (!applyFieldErrors(form, e)) fail(e);
        // A stale hash: show the new content before anyone confirms again.
        void q.refetch();
      });
  return (
    <Card
      size="small"
      data-testid="deal-confirmation"
      title={<Space><SafetyCertificateOutlined />{t('trading.confirmation.title')}</Space>}
      extra={
        <Space>
          <a href={`/api/v1/trading/deals/${dealId}/confirmation.pdf`} data-testid="confirmation-pdf"><FilePdfOutlined /> {t('trading.confirmation.pdf')}</a>
          {v.actions.includes('confirm') && <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="confirm-deal">{t('trading.confirmation.confirm')}</Button>}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        {v.confirmedAt ? (
          <Alert type="success" showIcon data-testid="deal-confirmed" message={t('trading.confirmation.both', { time: formatDateTime(v.confirmedAt) })} />
        ) : (
          <Typography.Text type="secondary">{t('trading.confirmation.hint')}</Typography.Text>
        )}
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} items={[
          { key: 'id', label: t('trading.confirmation.dealId'), children: <Typography.Text copyable code>{k.dealId}</Typography.Text>, span: 2 },
          { key: 'a', label: t('trading.fields.achievement'), children: k.achievement.title, span: 2 },
          { key: 's', label: t('trading.fields.seller'), children: party(k.seller) },
          { key: 'b', label: t('trading.fields.buyer'), children: party(k.buyer) },
          { key: 'm', label: t('trading.fields.amount'), children: <Typography.Text strong><Fen fen={k.amountFen} /></Typography.Text> },
          { key: 't', label: t('trading.fields.transferMode'), children: label('transferMode', k.transferMode) },
          { key: 'h', label: t('trading.fields.mode'), children: how, span: 2 },
          { key: 'n', label: t('trading.fields.noticeDays'), children: t('trading.confirmation.noticeDays', { days: k.noticeWorkingDays, time: formatDateTime(k.noticeEndsAt) }) },
          { key: 'f', label: t('trading.confirmation.finalisedAt'), children: formatDateTime(k.finalisedAt) },
        ]} />
        <SideState label="seller" name={k.seller.name} s={v.seller} />
        <SideState label="buyer" name={k.buyer.name} s={v.buyer} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('trading.confirmation.hash')}：<Typography.Text code copyable style={{ fontSize: 12 }} data-testid="confirmation-hash">{v.contentHash}</Typography.Text></Typography.Text>
      </Flex>
      <Modal open={open} title={t('trading.confirmation.modalTitle')} destroyOnHidden onCancel={() => setOpen(false)} confirmLoading={confirm.isPending} okText={t('trading.confirmation.confirm')} okButtonProps={{ 'data-testid': 'confirm-deal-ok' } as React.ComponentProps<typeof Button>} onOk={submit}>
        <Typography.Paragraph>{k.achievement.title} · <Fen fen={k.amountFen} /> · {k.seller.name} → {k.buyer.name}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('trading.confirmation.modalHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false} onFinish={submit}>
          <Form.Item name="password" label={t('trading.confirmation.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" autoFocus data-testid="confirm-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
