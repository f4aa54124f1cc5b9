import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Input, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/trading.js';
import { api } from '../../api/client';
import { fenToYuanInput, yuanToFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { Fen, PhaseTag, useDuration, useFen } from './format';
import { useAuctionLive, useCountdown, useTradingMutation } from './hooks';

const STATE_TYPE: Record<string, 'info' | 'success' | 'warning' | 'error'> = {
  anonymous: 'info', holder: 'info', not_eligible: 'warning', none: 'info', registered: 'warning', eligible: 'info', leading: 'success', outbid: 'warning', won: 'success', lost: 'info',
};

/**
 * The bidding page: live price (event stream, polling fallback), the time
 * left (following extensions), the caller's status, registration and the
 * bid form, and the anonymised bid history.
 */
export function AuctionPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const fen = useFen();
  const fmt = useDuration();
  const { modal } = App.useApp();
  const toastError = useErrorToast();
  const ok = useSuccessToast();
  const live = useAuctionLive(id);
  const v = live.data;
  const toStart = useCountdown(v?.auction.startsAt, v?.auction.serverTime);
  const toEnd = useCountdown(v?.auction.endsAt, v?.auction.serverTime);
  const [amount, setAmount] = useState<string>('');
  const register = useTradingMutation(() => api(c.registerBidder, { params: { id: id! } }));
  const bid = useTradingMutation((amountFen: number) => api(c.placeBid, { params: { id: id! }, body: { amountFen } }));
  if (!v) return <div style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}><ErrorAlert error={live.error} />{live.isPending && <Skeleton active />}</div>;
  const a = v.auction;
  const me = v.me;
  const suggested = fenToYuanInput(a.nextMinimumFen) ?? '';
  const amountFen = yuanToFen(amount || suggested);

  const placeBid = () => {
    if (amountFen === null) return;
    modal.confirm({
      title: t('trading.actions.bid'),
      content: t('trading.bid.confirm', { amount: fen(amountFen) }),
      onOk: () =>
        bid
          .mutateAsync(amountFen)
          .then(() => {
            ok(t('trading.bid.placed'));
            setAmount('');
          })
          .catch(toastError),
    });
  };

  const countdown =
    a.phase === 'upcoming' ? <Statistic title={t('trading.countdown.startsIn')} value={toStart === null ? '—' : fmt(toStart)} /> :
    a.phase === 'bidding' ? <Statistic title={t('trading.fields.timeLeft')} value={toEnd === null ? '—' : fmt(toEnd)} valueStyle={{ color: toEnd !== null && toEnd < a.snipeWindowMinutes * 60_000 ? '#cf1322' : undefined }} /> :
    <Statistic title={t('trading.fields.timeLeft')} value={t('trading.countdown.ended')} />;

  return (
    <div data-testid="auction-page" style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/trading">{t('trading.title')}</Link> }, { title: <Link to={`/trading/listings/${v.listingId}`}>{v.title}</Link> }, { title: t('trading.mode.auction') }]} />
      <PageTitle title={<>{v.title} <PhaseTag phase={a.phase} /></>} extra={<Tag color={live.streaming ? 'green' : 'default'} data-testid="live-indicator">{live.streaming ? t('trading.live.connected') : t('trading.live.polling')}</Tag>} />
      {a.status === 'won' && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="auction-result"
          message={<>{t('trading.phase.won')} · <Fen fen={a.currentPriceFen} /> · {t('trading.bidderLabel', { no: a.leadingBidderNo })}</>}
          description={v.dealId ? <Link to={`/trading/deals/${v.dealId}`}>{t('trading.actions.viewDeal')}</Link> : undefined} />
      )}
      {a.status === 'failed' && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="auction-result" message={`${t('trading.phase.failed')}（${a.failedReason ? t(`trading.failedReason.${a.failedReason}`) : ''}）`} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Card>
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title={a.currentPriceFen === null ? t('trading.fields.startPrice') : t('trading.fields.currentPrice')} value={fen(a.currentPriceFen ?? a.startPriceFen)} valueStyle={{ color: '#cf1322', fontSize: 30 }} data-testid="current-price" />
              </Col>
              <Col span={12} data-testid="countdown">{countdown}</Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 16 }} items={[
              { key: 'i', label: t('trading.fields.increment'), children: <Fen fen={a.incrementFen} /> },
              { key: 'r', label: t('trading.fields.reserve'), children: !a.hasReserve ? t('trading.reserve.none') : <Tag color={a.reserveMet ? 'green' : 'orange'} data-testid="reserve">{a.reserveMet ? t('trading.reserve.met') : t('trading.reserve.notMet')}</Tag> },
              { key: 'd', label: t('trading.fields.deposit'), children: <Fen fen={a.depositFen} /> },
              { key: 'b', label: t('trading.fields.bidders'), children: a.registeredBidders },
              { key: 's', label: t('trading.fields.startsAt'), children: formatDateTime(a.startsAt) },
              { key: 'e', label: t('trading.fields.endsAt'), children: <span data-testid="ends-at">{formatDateTime(a.endsAt)}{a.extensions > 0 && <Tag color="orange" style={{ marginLeft: 6 }}>{t('trading.extended', { time: formatDateTime(a.endsAt) })}</Tag>}</span> },
              { key: 'x', label: t('trading.fields.snipe'), children: a.snipeExtendMinutes > 0 && a.snipeWindowMinutes > 0 ? t('trading.snipeRule', { window: a.snipeWindowMinutes, extend: a.snipeExtendMinutes }) : t('trading.noSnipe') },
            ]} />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card title={t('trading.fields.status')}>
            <Alert type={STATE_TYPE[me.state]} showIcon data-testid="my-status" data-state={me.state}
              message={<>{t(`trading.me.${me.state}`)}{me.bidderNo !== null && <Tag style={{ marginLeft: 6 }}>{t('trading.bidderLabel', { no: me.bidderNo })}</Tag>}</>}
              description={me.depositStatus ? `${t('trading.fields.deposit')}：${t(`trading.deposit.${me.depositStatus}`)}${me.myHighestFen !== null ? ` · ${fen(me.myHighestFen)}` : ''}` : undefined} />
            {me.state === 'anonymous' && <Link to={`/login?next=/trading/auctions/${a.id}`}><Button style={{ marginTop: 12 }}>{t('trading.signIn')}</Button></Link>}
            {me.actions.includes('register') && <Button type="primary" style={{ marginTop: 12 }} loading={register.isPending} onClick={() => register.mutate(undefined, { onError: toastError })} data-testid="register">{t('trading.actions.register')}</Button>}
            {me.actions.includes('bid') && (
              <Flex vertical gap={8} style={{ marginTop: 12 }}>
                <Typography.Text type="secondary">{t('trading.bid.minimum', { amount: fen(a.nextMinimumFen) })}</Typography.Text>
                <Flex gap={8}>
                  <Input value={amount} placeholder={suggested} onChange={(e) => setAmount(e.target.value)} suffix={t('common.yuanUnit')} inputMode="decimal" aria-label={t('trading.bid.amount')} data-testid="bid-amount" status={amount && amountFen === null ? 'error' : undefined} />
                  <Button type="primary" disabled={amountFen === null} loading={bid.isPending} onClick={placeBid} data-testid="place-bid">{t('trading.actions.bid')}</Button>
                </Flex>
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('trading.bid.history')} style={{ marginTop: 16 }} size="small">
        <Table rowKey="seq" size="small" dataSource={v.bids} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t('trading.bid.none') }} data-testid="bid-history" columns={[
          { title: '#', dataIndex: 'seq', width: 60 },
          { title: t('trading.fields.organisation'), render: (_, b) => <>{t('trading.bidderLabel', { no: b.bidderNo })}{b.mine && <Typography.Text type="success">{t('trading.you')}</Typography.Text>}</> },
          { title: t('trading.fields.bidAmount'), align: 'right', render: (_, b) => <Fen fen={b.amountFen} /> },
          { title: t('trading.fields.bidAt'), render: (_, b) => <>{formatDateTime(b.createdAt)}{b.extendedTo && <Tag color="orange" style={{ marginLeft: 6 }}>{t('trading.extended', { time: formatDateTime(b.extendedTo) })}</Tag>}</> },
        ]} />
      </Card>
    </div>
  );
}
