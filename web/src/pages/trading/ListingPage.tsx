import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/trading.js';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useEnumLabel } from '../../catalog/locale';
import { isYuan, yuanToFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { AUCTION_DEFAULTS, type AuctionFormValues, AuctionTermsFields, auctionTerms } from './AuctionTermsFields';
import { DealStatusTag, Fen, ListingStatusTag, PhaseTag, useFen } from './format';
import { useTradeListing, useTradingMutation } from './hooks';

/** One listing for trade: terms, price or auction, the deal in notice, and what the caller may do. */
export function ListingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const label = useEnumLabel();
  const fen = useFen();
  const { modal } = App.useApp();
  const { user } = useSession();
  const q = useTradeListing(id);
  const toastError = useErrorToast();
  const ok = useSuccessToast();
  const [dialog, setDialog] = useState<'offer' | 'withdraw' | 'auction' | null>(null);
  const [form] = Form.useForm();
  const buy = useTradingMutation((price: number) => api(c.buyListing, { params: { id: id! }, body: { priceFen: price } }));
  const offer = useTradingMutation((b: { amountFen: number; message: string }) => api(c.makeOffer, { params: { id: id! }, body: b }));
  const withdraw = useTradingMutation((reason: string) => api(c.withdrawListing, { params: { id: id! }, body: { reason } }));
  const startAuction = useTradingMutation((v: AuctionFormValues) => api(c.startAuction, { params: { id: id! }, body: auctionTerms(v) }));
  const decide = useTradingMutation(async (v: { offerId: string; act: 'accept' | 'decline' | 'withdraw' }): Promise<void> => {
    if (v.act === 'accept') await api(c.acceptOffer, { params: { id: v.offerId } });
    else await api(v.act === 'decline' ? c.declineOffer : c.withdrawOffer, { params: { id: v.offerId } });
  });
  const v = q.data;
  if (!v) return <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</div>;
  const a = v.auction;

  const confirmBuy = () =>
    modal.confirm({
      title: t('trading.actions.buy'),
      content: t('trading.buy.confirm', { amount: fen(v.priceFen!), title: v.achievement.title, days: v.noticeWorkingDays }),
      onOk: () => buy.mutateAsync(v.priceFen!).then(() => ok(t('trading.buy.done'))).catch(toastError),
    });
  const submitDialog = async () => {
    const values = await form.validateFields();
    try {
      if (dialog === 'offer') {
        await offer.mutateAsync({ amountFen: yuanToFen(values.amountYuan)!, message: values.message });
        ok(t('trading.offer.sent'));
      } else if (dialog === 'withdraw') {
        await withdraw.mutateAsync(values.reason);
        ok(t('trading.withdraw.done'));
      } else if (dialog === 'auction') {
        await startAuction.mutateAsync(values as AuctionFormValues);
      }
      setDialog(null);
      form.resetFields();
    } catch (e) {
      if (!applyFieldErrors(form, e)) toastError(e);
    }
  };

  return (
    <div data-testid="trade-listing-page" style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/trading">{t('trading.title')}</Link> }, { title: v.achievement.title }]} />
      <PageTitle
        title={<>{v.achievement.title} <ListingStatusTag status={v.status} /></>}
        extra={<>
          {v.actions.includes('buy') && <Button type="primary" onClick={confirmBuy} data-testid="buy">{t('trading.actions.buy')}</Button>}
          {v.actions.includes('offer') && <Button type="primary" onClick={() => setDialog('offer')} data-testid="offer">{t('trading.actions.offer')}</Button>}
          {a && <Link to={`/trading/auctions/${a.id}`}><Button type="primary" data-testid="to-auction">{t('trading.actions.viewAuction')}</Button></Link>}
          {v.actions.includes('auction') && <Button onClick={() => { form.setFieldsValue(AUCTION_DEFAULTS); setDialog('auction'); }}>{t('trading.actions.newAuction')}</Button>}
          {v.actions.includes('withdraw') && <Button danger onClick={() => setDialog('withdraw')}>{t('trading.actions.withdraw')}</Button>}
        </>}
      />
      {!user && v.status === 'open' && v.mode !== 'auction' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={<Link to={`/login?next=/trading/listings/${v.id}`}>{t('trading.me.anonymous')}</Link>} />}
      {v.deal && (
        <Alert
          type={v.deal.status === 'final' ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="deal-banner"
          message={<>{v.deal.status === 'notice' ? t('trading.notice.inNotice', { time: formatDateTime(v.deal.noticeEndsAt) }) : t('trading.notice.final', { time: formatDateTime(v.deal.finalisedAt) })} <Link to={`/trading/deals/${v.deal.id}`}>{t('trading.actions.viewDeal')}</Link></>}
          description={`${v.deal.buyer.name} · ${fen(v.deal.amountFen)}`}
        />
      )}
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'a', label: t('trading.fields.achievement'), children: <Link to={`/achievements/${v.achievement.id}`}>{v.achievement.title}</Link> },
            { key: 'h', label: t('trading.fields.holder'), children: v.holder.name },
            { key: 'm', label: t('trading.fields.mode'), children: <Tag color="geekblue">{t(`trading.mode.${v.mode}`)}</Tag> },
            { key: 'tm', label: t('trading.fields.transferMode'), children: label('transferMode', v.transferMode) },
            ...(v.mode === 'fixed' ? [{ key: 'p', label: t('trading.fields.price'), children: <Typography.Text strong style={{ color: '#cf1322' }} data-testid="listing-price"><Fen fen={v.priceFen} /></Typography.Text> }] : []),
            { key: 'pd', label: t('trading.fields.period'), children: `${formatDateTime(v.listedFrom)} – ${formatDateTime(v.listedUntil)}` },
            { key: 'n', label: t('trading.fields.noticeDays'), children: v.noticeWorkingDays },
            ...(a ? [
              { key: 'as', label: t('trading.fields.startPrice'), children: <Fen fen={a.startPriceFen} /> },
              { key: 'ac', label: t('trading.fields.currentPrice'), children: <><Fen fen={a.currentPriceFen} /> <PhaseTag phase={a.phase} /></> },
              { key: 'ae', label: t('trading.fields.endsAt'), children: formatDateTime(a.endsAt) },
              { key: 'ad', label: t('trading.fields.deposit'), children: <Fen fen={a.depositFen} /> },
            ] : []),
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('trading.fields.terms')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v.terms}</Typography.Paragraph>
        </Card>
        {v.offers.length > 0 && (
          <Card size="small" title={v.mine ? t('trading.offer.list') : t('trading.offer.mine')}>
            <Table rowKey="id" size="small" pagination={false} dataSource={v.offers} scroll={{ x: true }} columns={[
              { title: t('trading.fields.buyer'), render: (_, o) => o.buyer.name },
              { title: t('trading.fields.amount'), align: 'right', render: (_, o) => <Fen fen={o.amountFen} /> },
              { title: t('trading.offer.message'), dataIndex: 'message' },
              { title: t('trading.fields.status'), render: (_, o) => t(`trading.offerStatus.${o.status}`) },
              { title: '', render: (_, o) => (
                <Flex gap={4}>
                  {o.actions.includes('accept') && <Button size="small" type="primary" onClick={() => decide.mutate({ offerId: o.id, act: 'accept' }, { onError: toastError })}>{t('trading.actions.accept')}</Button>}
                  {o.actions.includes('decline') && <Button size="small" onClick={() => decide.mutate({ offerId: o.id, act: 'decline' }, { onError: toastError })}>{t('trading.actions.decline')}</Button>}
                  {o.actions.includes('withdraw') && <Button size="small" onClick={() => decide.mutate({ offerId: o.id, act: 'withdraw' }, { onError: toastError })}>{t('trading.actions.withdrawOffer')}</Button>}
                </Flex>
              ) },
            ]} />
          </Card>
        )}
        {v.pastAuctions.length > 0 && (
          <Card size="small" title={t('trading.phase.failed')}>
            {v.pastAuctions.map((p) => <div key={p.id}><PhaseTag phase={p.phase} /> {formatDateTime(p.closedAt)} · {p.failedReason ? t(`trading.failedReason.${p.failedReason}`) : ''}</div>)}
          </Card>
        )}
        {v.deal && <Card size="small"><DealStatusTag status={v.deal.status} /> <Link to={`/trading/deals/${v.deal.id}`}>{t('trading.actions.viewDeal')}</Link></Card>}
      </Flex>
      <Modal open={dialog !== null} destroyOnHidden onCancel={() => setDialog(null)} onOk={() => void submitDialog()} confirmLoading={offer.isPending || withdraw.isPending || startAuction.isPending}
        title={dialog === 'offer' ? t('trading.offer.title') : dialog === 'withdraw' ? t('trading.actions.withdraw') : t('trading.actions.newAuction')}>
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'offer' && <>
            <Form.Item name="amountYuan" label={t('trading.offer.amount')} rules={[{ required: true }, { validator: (_, x) => (isYuan(x) ? Promise.resolve() : Promise.reject(new Error(t('trading.offer.amount')))) }]}><Input suffix={t('common.yuanUnit')} inputMode="decimal" /></Form.Item>
            <Form.Item name="message" label={t('trading.offer.message')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
          </>}
          {dialog === 'withdraw' && <Form.Item name="reason" label={t('trading.withdraw.reason')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>}
          {dialog === 'auction' && <AuctionTermsFields />}
        </Form>
      </Modal>
    </div>
  );
}
