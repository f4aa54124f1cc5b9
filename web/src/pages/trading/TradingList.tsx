import { useState } from 'react';
import { Card, Empty, Flex, Input, List, Pagination, Segmented, Select, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ListingSummary } from '@shared/contracts/trading.js';
import { ENUM_CODES } from '@shared/taxonomies/codes.js';
import { useEnumLabel } from '../../catalog/locale';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { DealStatusTag, Fen, ListingStatusTag, PhaseTag, useDuration } from './format';
import { useCountdown, useNotices, useTradeListings } from './hooks';

function Ends({ l }: { l: ListingSummary }) {
  const { t } = useTranslation();
  const a = l.auction;
  const left = useCountdown(a?.endsAt, a?.serverTime);
  const fmt = useDuration();
  if (!a) return <Typography.Text type="secondary">{t('trading.fields.listedUntil')} {formatDateTime(l.listedUntil)}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <PhaseTag phase={a.phase} />
      {a.phase === 'bidding' && left !== null && <Typography.Text>{t('trading.fields.timeLeft')} {fmt(left)}</Typography.Text>}
      {a.phase === 'upcoming' && <Typography.Text type="secondary">{t('trading.fields.startsAt')} {formatDateTime(a.startsAt)}</Typography.Text>}
    </Space>
  );
}

function ListingCard({ l }: { l: ListingSummary }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const a = l.auction;
  return (
    <Card size="small" data-testid="trade-listing-card">
      <Flex justify="space-between" wrap gap={8}>
        <div style={{ minWidth: 0 }}>
          <Link to={`/trading/listings/${l.id}`} style={{ fontSize: 16, fontWeight: 600 }}>{l.achievement.title}</Link>
          <div style={{ marginTop: 4 }}>
            <Tag color="geekblue">{t(`trading.mode.${l.mode}`)}</Tag>
            <Tag>{label('transferMode', l.transferMode)}</Tag>
            <ListingStatusTag status={l.status} />
            <Typography.Text type="secondary">{l.holder.name}</Typography.Text>
          </div>
        </div>
        <div style={{ textAlign: 'right' }}>
          <Typography.Text strong style={{ fontSize: 18, color: '#cf1322' }}>
            {l.mode === 'negotiable' ? t('trading.mode.negotiable') : <Fen fen={a ? (a.currentPriceFen ?? a.startPriceFen) : l.priceFen} />}
          </Typography.Text>
          {a && <div><Typography.Text type="secondary">{a.currentPriceFen === null ? t('trading.fields.startPrice') : t('trading.fields.currentPrice')} · {t('trading.fields.bidCount')} {a.bidCount}</Typography.Text></div>}
          <div><Ends l={l} /></div>
        </div>
      </Flex>
    </Card>
  );
}

function Listings() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [q, setQ] = useState('');
  const [mode, setMode] = useState<'all' | 'fixed' | 'negotiable' | 'auction'>('all');
  const [transferMode, setTransferMode] = useState<string | undefined>();
  const [sort, setSort] = useState<'newest' | 'ending' | 'price_asc' | 'price_desc'>('newest');
  const [page, setPage] = useState(1);
  const query = { q: q || undefined, mode: mode === 'all' ? undefined : mode, transferMode: transferMode as 'transfer' | undefined, sort, page, pageSize: 10 };
  const r = useTradeListings(query);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('trading.search')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ maxWidth: 420 }} data-testid="trading-search" />
        <Select allowClear placeholder={t('trading.allTransferModes')} style={{ minWidth: 160 }} value={transferMode} onChange={(v) => { setTransferMode(v); setPage(1); }}
          options={ENUM_CODES.transferMode.map((c) => ({ value: c, label: label('transferMode', c) }))} />
        <Select style={{ minWidth: 150 }} value={sort} onChange={setSort} options={(['newest', 'ending', 'price_asc', 'price_desc'] as const).map((s) => ({ value: s, label: t(`trading.sort.${s}`) }))} />
      </Flex>
      <Segmented value={mode} onChange={(v) => { setMode(v as typeof mode); setPage(1); }} options={[{ value: 'all', label: t('trading.allModes') }, ...(['fixed', 'negotiable', 'auction'] as const).map((m) => ({ value: m, label: t(`trading.mode.${m}`) }))]} />
      <ErrorAlert error={r.error} />
      {r.isPending ? <Skeleton active /> : r.data && r.data.items.length > 0 ? (
        <>
          <List dataSource={r.data.items} renderItem={(l) => <List.Item style={{ display: 'block', border: 0, padding: '4px 0' }}><ListingCard l={l} /></List.Item>} />
          <Pagination current={page} pageSize={10} total={r.data.total} onChange={setPage} showSizeChanger={false} />
        </>
      ) : <Empty description={t('trading.empty')} />}
    </Flex>
  );
}

function Notices() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'notice' | 'final'>('notice');
  const [page, setPage] = useState(1);
  const r = useNotices({ status, page, pageSize: 20 });
  return (
    <Flex vertical gap={12}>
      <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} options={(['notice', 'final'] as const).map((s) => ({ value: s, label: t(`trading.dealStatus.${s}`) }))} />
      <ErrorAlert error={r.error} />
      <Table
        rowKey="id"
        size="small"
        loading={r.isFetching}
        dataSource={r.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: r.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('trading.fields.achievement'), render: (_, d) => <Link to={`/trading/deals/${d.id}`}>{d.achievement.title}</Link> },
          { title: t('trading.fields.seller'), render: (_, d) => d.seller.name },
          { title: t('trading.fields.buyer'), render: (_, d) => d.buyer.name },
          { title: t('trading.fields.amount'), align: 'right', render: (_, d) => <Fen fen={d.amountFen} /> },
          { title: t('trading.fields.noticeEndsAt'), render: (_, d) => formatDateTime(d.noticeEndsAt) },
          { title: t('trading.fields.status'), render: (_, d) => <><DealStatusTag status={d.status} />{d.openObjections > 0 && <Tag color="red">{t('trading.objection.openCount', { count: d.openObjections })}</Tag>}</> },
        ]}
      />
    </Flex>
  );
}

/** The public trading hall: listings with search and filters, and the deals in public notice. */
export function TradingList() {
  const { t } = useTranslation();
  return (
    <div data-testid="trading-list" style={{ maxWidth: 1100, margin: '0 auto', padding: 16 }}>
      <PageTitle title={t('trading.title')} />
      <Tabs items={[
        { key: 'listings', label: t('trading.tabs.listings'), children: <Listings /> },
        { key: 'notices', label: t('trading.tabs.notices'), children: <Notices /> },
      ]} />
    </div>
  );
}
