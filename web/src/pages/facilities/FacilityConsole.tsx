import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Form, type FormInstance, Input, InputNumber, Modal, Popconfirm, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as f from '@shared/contracts/facilities.js';
import type { BookingView } from '@shared/contracts/facilities.js';
import { ApiError, download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useBookings, useFacility, useFacilityMutations, useUsage, useUtilisation, yuan } from './api';
import { districtSlot, districtTime, districtYear, fromPicker, toPicker } from '../../components/district-time';

/** Puts the server's errors on a period's two ends (startsAt/endsAt, startedAt/endedAt) under the form's one range field. */
function periodErrors(form: FormInstance, e: unknown): boolean {
  const ends = e instanceof ApiError ? e.fields.filter((x) => ['startsAt', 'endsAt', 'startedAt', 'endedAt'].includes(x.path)) : [];
  if (ends.length) form.setFields([{ name: 'period', errors: ends.map((x) => x.message) }]);
  return ends.length > 0;
}

/** The owner's desk for one facility: booking requests, closed periods, usage and fees, monthly utilisation. */
export function FacilityConsole() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fac = useFacility(id);
  const bookings = useBookings({ scope: 'owner', facilityId: id, pageSize: 100 });
  const usage = useUsage(id);
  const thisYear = districtYear();
  const [year, setYear] = useState(thisYear);
  const util = useUtilisation(id, year);
  const m = useFacilityMutations();
  const toast = useErrorToast();
  const [declining, setDeclining] = useState<BookingView | null>(null);
  const [note, setNote] = useState('');
  const [using, setUsing] = useState<BookingView | 'direct' | null>(null);
  const [blocking, setBlocking] = useState(false);
  const [usageForm] = Form.useForm();
  const [blockForm] = Form.useForm();
  const act = (p: Promise<unknown>) => p.catch(toast);

  // A confirmed booking is offered for recording once its slot has started on the server's clock (the
  // server sends 'record_usage' then). Ask again when the next such slot starts by this browser's clock,
  // and every half minute after that while the server still says not yet (the clocks may differ).
  const waiting = (bookings.data?.items ?? []).filter((b) => b.status === 'confirmed' && !b.actions.includes('record_usage'));
  const nextStart = waiting.length ? Math.min(...waiting.map((b) => Date.parse(b.startsAt))) : null;
  const { refetch } = bookings;
  useEffect(() => {
    if (nextStart === null) return;
    const wait = nextStart - Date.now();
    const timer = setTimeout(() => void refetch(), wait > 0 ? Math.min(wait + 1000, 2 ** 31 - 1) : 30_000);
    return () => clearTimeout(timer);
  }, [nextStart, bookings.dataUpdatedAt, refetch]);

  const chart = useMemo<EChartOption>(() => {
    const months = util.data?.months ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('facilities.console.usedHours'), t('facilities.console.percent')] },
      xAxis: { type: 'category', data: months.map((x) => `${x.month}`) },
      yAxis: [{ type: 'value', name: t('facilities.console.usedHours') }, { type: 'value', name: '%', max: 100 }],
      series: [
        // Hours to two decimals: a short use (a few minutes) still shows.
        { name: t('facilities.console.usedHours'), type: 'bar', data: months.map((x) => Math.round(x.usedMinutes / 0.6) / 100) },
        { name: t('facilities.console.percent'), type: 'line', yAxisIndex: 1, data: months.map((x) => x.percent) },
      ],
    };
  }, [util.data, t]);

  const saveUsage = async (v: { period: [Dayjs, Dayjs]; userName?: string; samples?: number; feeYuan?: number; note?: string }) => {
    try {
      await m.usage.mutateAsync({
        id,
        body: {
          bookingId: using && using !== 'direct' ? using.id : undefined,
          userName: v.userName || undefined,
          startedAt: fromPicker(v.period[0]),
          endedAt: fromPicker(v.period[1]),
          samples: v.samples ?? undefined,
          feeFen: v.feeYuan === undefined || v.feeYuan === null ? undefined : Math.round(v.feeYuan * 100),
          note: v.note || undefined,
        },
      });
      setUsing(null);
    } catch (e) {
      if (!periodErrors(usageForm, e) && !applyFieldErrors(usageForm, e)) toast(e);
    }
  };
  const saveBlock = async (v: { period: [Dayjs, Dayjs]; reason: string }) => {
    try {
      await m.block.mutateAsync({ id, body: { startsAt: fromPicker(v.period[0]), endsAt: fromPicker(v.period[1]), reason: v.reason } });
      setBlocking(false);
    } catch (e) {
      if (!periodErrors(blockForm, e) && !applyFieldErrors(blockForm, e)) toast(e);
    }
  };

  return (
    <div data-testid="facility-console">
      <PageTitle title={fac.data?.name ?? ''} extra={<Space><Button onClick={() => { blockForm.resetFields(); setBlocking(true); }}>{t('facilities.console.addBlock')}</Button><Button onClick={() => { usageForm.resetFields(); setUsing('direct'); }}>{t('facilities.console.recordUsage')}</Button></Space>} />
      <ErrorAlert error={fac.error ?? bookings.error} />
      <Card size="small" title={t('facilities.console.bookings')}>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={bookings.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('facilities.fields.slotBeijing'), key: 'slot', render: (_, b: BookingView) => districtSlot(b.startsAt, b.endsAt) },
            { title: t('facilities.fields.requester'), key: 'r', render: (_, b: BookingView) => `${b.requester.organisation?.name ?? ''} ${b.requester.displayName}` },
            { title: t('facilities.fields.purpose'), dataIndex: 'purpose' },
            { title: t('facilities.fields.estimatedFee'), key: 'fee', render: (_, b: BookingView) => yuan(b.estimatedFeeFen) },
            { title: t('facilities.fields.status'), key: 's', render: (_, b: BookingView) => <Tag data-testid="booking-status">{t(`facilities.bookingStatuses.${b.status}`)}</Tag> },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_, b: BookingView) => (
                <Space wrap>
                  {b.actions.includes('confirm') && <Button size="small" type="primary" data-testid="booking-confirm" onClick={() => act(m.move.mutateAsync({ move: 'confirm', id: b.id }))}>{t('facilities.console.confirm')}</Button>}
                  {b.actions.includes('decline') && <Button size="small" onClick={() => { setNote(''); setDeclining(b); }}>{t('facilities.console.decline')}</Button>}
                  {b.actions.includes('record_usage') ? (
                    <Button
                      size="small"
                      data-testid="booking-record-usage"
                      onClick={() => {
                        // A use still under way is prefilled up to now: only ended uses can be recorded.
                        usageForm.setFieldsValue({ period: [toPicker(b.startsAt), toPicker(Math.min(Date.parse(b.endsAt), Math.floor(Date.now() / 60_000) * 60_000))], samples: b.samples ?? undefined });
                        setUsing(b);
                      }}
                    >
                      {t('facilities.console.recordUsage')}
                    </Button>
                  ) : (
                    b.status === 'confirmed' && (
                      <Tooltip title={t('facilities.console.recordLater', { start: districtTime(b.startsAt) })}>
                        <span data-testid="booking-record-usage-later" style={{ display: 'inline-block', cursor: 'not-allowed' }}>
                          <Button size="small" disabled style={{ pointerEvents: 'none' }}>{t('facilities.console.recordUsage')}</Button>
                        </span>
                      </Tooltip>
                    )
                  )}
                  {b.actions.includes('cancel') && (
                    <Popconfirm title={t('facilities.console.cancelConfirm')} onConfirm={() => act(m.move.mutateAsync({ move: 'cancel', id: b.id }))}>
                      <Button size="small" danger>{t('facilities.console.cancel')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        style={{ marginTop: 16 }}
        title={t('facilities.console.utilisation')}
        extra={
          <Space>
            <Select value={year} onChange={setYear} options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d}` }))} />
            <Button onClick={() => void download(f.usageExport, { year }, 'usage.xlsx', { id })}>{t('facilities.console.export')}</Button>
          </Space>
        }
      >
        <EChart option={chart} height={280} testId="utilisation-chart" />
        <Typography.Text type="secondary" data-testid="utilisation-summary">
          {t('facilities.console.yearSummary', {
            year,
            hours: Math.round((util.data?.months ?? []).reduce((n, x) => n + x.usedMinutes, 0) / 0.6) / 100,
            uses: (util.data?.months ?? []).reduce((n, x) => n + x.uses, 0),
            fee: yuan((util.data?.months ?? []).reduce((n, x) => n + x.feeFen, 0)),
          })}
        </Typography.Text>
      </Card>
      <Card size="small" style={{ marginTop: 16 }} title={t('facilities.console.usage')} extra={<Statistic title={t('facilities.console.totalFee')} value={yuan(usage.data?.totalFeeFen ?? 0)} data-testid="usage-total-fee" />}>
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={usage.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('facilities.fields.userName'), dataIndex: 'userName' },
            { title: t('facilities.fields.startBeijing'), dataIndex: 'startedAt', render: (v: string) => districtTime(v) },
            { title: t('facilities.fields.endBeijing'), dataIndex: 'endedAt', render: (v: string) => districtTime(v) },
            { title: t('facilities.fields.samples'), dataIndex: 'samples' },
            { title: t('facilities.fields.feeYuan'), dataIndex: 'feeFen', render: (v: number) => yuan(v) },
            { title: t('facilities.fields.note'), dataIndex: 'note' },
          ]}
        />
      </Card>
      <Modal open={!!declining} title={t('facilities.console.decline')} okButtonProps={{ disabled: !note.trim() }} onCancel={() => setDeclining(null)} onOk={() => act(m.move.mutateAsync({ move: 'decline', id: declining!.id, note }).then(() => setDeclining(null)))}>
        <Input.TextArea rows={3} placeholder={t('facilities.fields.reason')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
      <Modal open={!!using} title={t('facilities.console.recordUsage')} onCancel={() => setUsing(null)} onOk={() => usageForm.submit()} confirmLoading={m.usage.isPending}>
        <Form form={usageForm} layout="vertical" onFinish={saveUsage}>
          <Form.Item name="period" label={t('facilities.fields.slotBeijing')} rules={[{ required: true }]}><DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
          {using === 'direct' && <Form.Item name="userName" label={t('facilities.fields.userName')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>}
          <Form.Item name="samples" label={t('facilities.fields.samples')}><InputNumber min={1} /></Form.Item>
          <Form.Item name="feeYuan" label={t('facilities.fields.feeYuan')}><InputNumber min={0} precision={2} data-testid="usage-fee" /></Form.Item>
          <Form.Item name="note" label={t('facilities.fields.note')}><Input maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={blocking} title={t('facilities.console.addBlock')} onCancel={() => setBlocking(false)} onOk={() => blockForm.submit()} confirmLoading={m.block.isPending}>
        <Form form={blockForm} layout="vertical" onFinish={saveBlock}>
          <Form.Item name="period" label={t('facilities.fields.slotBeijing')} rules={[{ required: true }]}><DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
          <Form.Item name="reason" label={t('facilities.fields.reason')} rules={[{ required: true }]}><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
