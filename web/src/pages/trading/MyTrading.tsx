import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Table, Tabs, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/trading.js';
import { TRADING_DEFAULTS } from '@shared/contracts/trading.js';
import { ENUM_CODES } from '@shared/taxonomies/codes.js';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useMyListings } from '../../api/hooks/catalog';
import { useEnumLabel } from '../../catalog/locale';
import { isYuan, yuanToFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { districtNow, fromPicker } from '../../components/district-time';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { AUCTION_DEFAULTS, type AuctionFormValues, AuctionTermsFields, auctionTerms } from './AuctionTermsFields';
import { DealStatusTag, Fen, ListingStatusTag, PhaseTag } from './format';
import { useMyTrading, useTradingMutation } from './hooks';

type CreateValues = Partial<AuctionFormValues> & {
  achievementId: string;
  mode: 'fixed' | 'negotiable' | 'auction';
  priceYuan?: string;
  transferMode: string;
  terms: string;
  listedUntil: Dayjs;
  noticeWorkingDays: number;
};

function CreateListing({ onDone }: { onDone: (id: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const mode = Form.useWatch('mode', form);
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const mine = useMyListings('achievement', { status: 'published', page: 1, pageSize: 200 });
  const create = useTradingMutation((v: CreateValues) =>
    api(c.createListing, {
      body: {
        achievementId: v.achievementId,
        mode: v.mode,
        ...(v.mode === 'fixed' ? { priceFen: yuanToFen(v.priceYuan)! } : {}),
        transferMode: v.transferMode as 'transfer',
        terms: v.terms,
        listedUntil: fromPicker(v.listedUntil),
        noticeWorkingDays: v.noticeWorkingDays,
        ...(v.mode === 'auction' ? { auction: auctionTerms(v as AuctionFormValues) } : {}),
      },
    }),
  );
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const view = await create.mutateAsync(v);
      ok(t('trading.create.done'));
      setOpen(false);
      onDone(view.id);
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="create-trade-listing">{t('trading.actions.create')}</Button>
      <Modal open={open} width={640} title={t('trading.create.title')} destroyOnHidden onCancel={() => setOpen(false)} onOk={() => void submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'create-submit' } as never}>
        <Typography.Paragraph type="secondary">{t('trading.create.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}
          initialValues={{ mode: 'fixed', transferMode: 'transfer', noticeWorkingDays: TRADING_DEFAULTS.noticeWorkingDays, listedUntil: districtNow().add(3, 'month'), ...AUCTION_DEFAULTS }}>
          <Form.Item name="achievementId" label={t('trading.create.achievement')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={mine.isPending} data-testid="create-achievement" options={(mine.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))} />
          </Form.Item>
          <Form.Item name="mode" label={t('trading.fields.mode')} rules={[{ required: true }]}>
            <Select data-testid="create-mode" options={(['fixed', 'negotiable', 'auction'] as const).map((m) => ({ value: m, label: t(`trading.mode.${m}`) }))} />
          </Form.Item>
          {mode === 'fixed' && (
            <Form.Item name="priceYuan" label={t('trading.create.price')} rules={[{ required: true }, { validator: (_, x) => (!x || isYuan(x) ? Promise.resolve() : Promise.reject(new Error(t('trading.create.price')))) }]}>
              <Input suffix={t('common.yuanUnit')} inputMode="decimal" />
            </Form.Item>
          )}
          <Form.Item name="transferMode" label={t('trading.fields.transferMode')} rules={[{ required: true }]}>
            <Select options={ENUM_CODES.transferMode.map((m) => ({ value: m, label: label('transferMode', m) }))} />
          </Form.Item>
          <Form.Item name="terms" label={t('trading.fields.terms')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={4} maxLength={8000} data-testid="create-terms" /></Form.Item>
          <Flex gap={16} wrap>
            <Form.Item name="listedUntil" label={t('trading.fields.listedUntilBeijing')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
            <Form.Item name="noticeWorkingDays" label={t('trading.fields.noticeDays')} rules={[{ required: true }]}><InputNumber min={1} max={30} /></Form.Item>
          </Flex>
          {mode === 'auction' && (
            <Card size="small" title={t('trading.create.auctionTerms')}>
              <AuctionTermsFields />
            </Card>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** A final deal's confirmation (成交确认书) at a glance: both sides, ours still to do, or the other side's. */
function ConfirmationState({ deal, orgId }: { deal: NonNullable<ReturnType<typeof useMyTrading>['data']>['deals'][number]; orgId: string | undefined }) {
  const { t } = useTranslation();
  if (deal.status !== 'final') return <>—</>;
  if (deal.confirmedAt) return <Tag color="green" data-testid="deal-confirmed">{t('trading.confirmation.listBoth')}</Tag>;
  const mine = deal.seller.id === orgId ? 'seller' : deal.buyer.id === orgId ? 'buyer' : null;
  if (mine && !deal.confirmedSides.includes(mine)) return <Tag color="orange" data-testid="deal-confirm-ours">{t('trading.confirmation.listOurs')}</Tag>;
  return <Tag data-testid="deal-confirm-theirs">{t('trading.confirmation.listTheirs')}</Tag>;
}

/** The organisation's trading: its listings (and listing a new one), deals, auction registrations and offers. */
export function MyTrading() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hasPermission, user } = useSession();
  const q = useMyTrading();
  const d = q.data;
  return (
    <div data-testid="my-trading">
      <PageTitle title={t('console.menu.trading')} extra={hasPermission('create:trade_listing') ? <CreateListing onDone={(id) => navigate(`/trading/listings/${id}`)} /> : null} />
      <ErrorAlert error={q.error} />
      <Tabs items={[
        {
          key: 'listings',
          label: t('trading.my.listings'),
          children: (
            <Table rowKey="id" size="small" loading={q.isPending} dataSource={d?.listings ?? []} scroll={{ x: true }} columns={[
              { title: t('trading.fields.achievement'), render: (_, l) => <Link to={`/trading/listings/${l.id}`}>{l.achievement.title}</Link> },
              { title: t('trading.fields.mode'), render: (_, l) => t(`trading.mode.${l.mode}`) },
              { title: t('trading.fields.price'), align: 'right', render: (_, l) => (l.auction ? <Fen fen={l.auction.currentPriceFen ?? l.auction.startPriceFen} /> : l.mode === 'negotiable' ? t('trading.mode.negotiable') : <Fen fen={l.priceFen} />) },
              { title: t('trading.fields.status'), render: (_, l) => <><ListingStatusTag status={l.status} />{l.auction && <PhaseTag phase={l.auction.phase} />}</> },
              { title: t('trading.fields.listedUntil'), render: (_, l) => formatDateTime(l.listedUntil) },
            ]} />
          ),
        },
        {
          key: 'deals',
          label: t('trading.my.deals'),
          children: (
            <Table rowKey="id" size="small" loading={q.isPending} dataSource={d?.deals ?? []} scroll={{ x: true }} columns={[
              { title: t('trading.fields.achievement'), render: (_, x) => <Link to={`/trading/deals/${x.id}`}>{x.achievement.title}</Link> },
              { title: t('trading.fields.seller'), render: (_, x) => x.seller.name },
              { title: t('trading.fields.buyer'), render: (_, x) => x.buyer.name },
              { title: t('trading.fields.amount'), align: 'right', render: (_, x) => <Fen fen={x.amountFen} /> },
              { title: t('trading.fields.status'), render: (_, x) => <DealStatusTag status={x.status} /> },
              { title: t('trading.fields.noticeEndsAt'), render: (_, x) => formatDateTime(x.noticeEndsAt) },
              { title: t('trading.confirmation.title'), render: (_, x) => <ConfirmationState deal={x} orgId={user?.organisation?.id} /> },
            ]} />
          ),
        },
        {
          key: 'registrations',
          label: t('trading.my.registrations'),
          children: (
            <Table rowKey="id" size="small" loading={q.isPending} dataSource={d?.registrations ?? []} scroll={{ x: true }} columns={[
              { title: t('trading.fields.achievement'), render: (_, b) => <Link to={`/trading/auctions/${b.auctionId}`}>{b.title}</Link> },
              { title: '#', render: (_, b) => t('trading.bidderLabel', { no: b.bidderNo }) },
              { title: t('trading.fields.deposit'), render: (_, b) => <><Fen fen={b.depositFen} /> <Tag>{t(`trading.deposit.${b.depositStatus}`)}</Tag></> },
              { title: t('trading.fields.registeredAt'), render: (_, b) => formatDateTime(b.registeredAt) },
            ]} />
          ),
        },
        {
          key: 'offers',
          label: t('trading.my.offers'),
          children: (
            <Table rowKey="id" size="small" loading={q.isPending} dataSource={d?.offers ?? []} scroll={{ x: true }} columns={[
              { title: t('trading.fields.achievement'), render: (_, o) => <Link to={`/trading/listings/${o.listingId}`}>{o.title}</Link> },
              { title: t('trading.fields.amount'), align: 'right', render: (_, o) => <Fen fen={o.amountFen} /> },
              { title: t('trading.fields.status'), render: (_, o) => t(`trading.offerStatus.${o.status}`) },
            ]} />
          ),
        },
      ]} />
    </div>
  );
}
