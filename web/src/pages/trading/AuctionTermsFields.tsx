import { Form, Input, InputNumber } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TRADING_DEFAULTS } from '@shared/contracts/trading.js';
import { isYuan, yuanToFen } from '../../catalog/money';
import { fromPicker } from '../../components/district-time';

export type AuctionFormValues = {
  startYuan: string;
  incrementYuan: string;
  reserveYuan?: string;
  depositYuan: string;
  range: [Dayjs, Dayjs];
  snipeWindowMinutes: number;
  snipeExtendMinutes: number;
};

export const AUCTION_DEFAULTS = { snipeWindowMinutes: TRADING_DEFAULTS.snipeWindowMinutes, snipeExtendMinutes: TRADING_DEFAULTS.snipeExtendMinutes, depositYuan: '0' };

/** Form values (元 strings, dayjs holding 北京时间 wall-clock times) → the API's auction terms (fen, ISO with +08:00). */
export function auctionTerms(v: AuctionFormValues) {
  return {
    startPriceFen: yuanToFen(v.startYuan)!,
    incrementFen: yuanToFen(v.incrementYuan)!,
    ...(v.reserveYuan ? { reserveFen: yuanToFen(v.reserveYuan)! } : {}),
    depositFen: yuanToFen(v.depositYuan) ?? 0,
    startsAt: fromPicker(v.range[0]),
    endsAt: fromPicker(v.range[1]),
    snipeWindowMinutes: v.snipeWindowMinutes,
    snipeExtendMinutes: v.snipeExtendMinutes,
  };
}

/** Auction rules inside a form; `prefix` nests them (e.g. under "auction"). */
export function AuctionTermsFields() {
  const { t } = useTranslation();
  const yuan = { validator: (_: unknown, v: string | undefined) => (!v || isYuan(v) ? Promise.resolve() : Promise.reject(new Error(t('trading.bid.amount')))) };
  return (
    <>
      <Form.Item name="startYuan" label={t('trading.fields.startPrice')} rules={[{ required: true }, yuan]}><Input suffix={t('common.yuanUnit')} inputMode="decimal" data-testid="auction-start" /></Form.Item>
      <Form.Item name="incrementYuan" label={t('trading.fields.increment')} rules={[{ required: true }, yuan]}><Input suffix={t('common.yuanUnit')} inputMode="decimal" data-testid="auction-increment" /></Form.Item>
      <Form.Item name="reserveYuan" label={t('trading.fields.reserve')} rules={[yuan]}><Input suffix={t('common.yuanUnit')} inputMode="decimal" /></Form.Item>
      <Form.Item name="depositYuan" label={t('trading.fields.deposit')} rules={[{ required: true }, yuan]}><Input suffix={t('common.yuanUnit')} inputMode="decimal" data-testid="auction-deposit" /></Form.Item>
      <Form.Item name="range" label={t('trading.fields.rangeBeijing')} rules={[{ required: true }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="auction-range" />
      </Form.Item>
      <Form.Item name="snipeWindowMinutes" label={t('trading.create.window')} rules={[{ required: true }]}><InputNumber min={0} max={60} /></Form.Item>
      <Form.Item name="snipeExtendMinutes" label={t('trading.create.extend')} rules={[{ required: true }]}><InputNumber min={0} max={60} /></Form.Item>
    </>
  );
}
