import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, List, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { useSession } from '../../session/SessionContext';
import { pickerEnterStays, useCalendar, useFacility, useFacilityMutations, yuan } from './api';
import { useCurrentMinute } from '../../components/district-clock';
import { browserOutsideDistrict, districtDayStart, districtSlot, districtTime, districtToday, fromPicker } from '../../components/district-time';

/** A published facility: what it is, its fee and opening hours, what is booked, and the booking form. */
export function FacilityDetail() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const q = useFacility(id);
  // The next two weeks from the district's midnight.
  const range = useMemo(() => {
    const day = districtDayStart(districtToday());
    return { from: day.toISOString(), to: day.add(14, 'day').toISOString() };
  }, []);
  const cal = useCalendar(id, range);
  const m = useFacilityMutations();
  const [form] = Form.useForm();
  const [done, setDone] = useState(false);
  const toast = useErrorToast();
  const minute = useCurrentMinute(); // the hint below shows the district's time now, turning with the minute
  const f = q.data;
  if (!f) return <div style={{ padding: 16 }}><ErrorAlert error={q.error} /></div>;
  const book = async (v: { slot: [Dayjs, Dayjs]; purpose: string; samples?: number }) => {
    try {
      // The picker holds 北京时间 (district-time.ts): sent as instants with +08:00, whatever the browser's zone.
      await m.book.mutateAsync({ id: f.id, body: { startsAt: fromPicker(v.slot[0]), endsAt: fromPicker(v.slot[1]), purpose: v.purpose, samples: v.samples ?? undefined } });
      setDone(true);
      form.resetFields();
    } catch (e) {
      // The server names the slot's ends (startsAt, endsAt); the form has one range field.
      const slot = e instanceof ApiError ? e.fields.filter((x) => x.path === 'startsAt' || x.path === 'endsAt') : [];
      if (slot.length) form.setFields([{ name: 'slot', errors: slot.map((x) => x.message) }]);
      else if (!applyFieldErrors(form, e)) toast(e);
    }
  };
  const days = f.openingHours.days.map((d) => t(`facilities.weekdays.d${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)).join('、');
  const hours = f.openingHours;
  const [openH, openM] = [Number(hours.open.slice(0, 2)), Number(hours.open.slice(3, 5))];
  const [closeH, closeM] = [Number(hours.close.slice(0, 2)), Number(hours.close.slice(3, 5))];
  // The picker's values are district wall-clock times: past district days and closed weekdays cannot be picked,
  // nor hours outside the opening hours (the server checks all of it again).
  const today = districtToday();
  const disabledDate = (d: Dayjs) => d.format('YYYY-MM-DD') < today || !hours.days.includes(d.day() === 0 ? 7 : d.day());
  const disabledTime = () => ({
    disabledHours: () => Array.from({ length: 24 }, (_, h) => h).filter((h) => h < openH || h > closeH),
    disabledMinutes: (h: number) => Array.from({ length: 60 }, (_, m) => m).filter((m) => (h === openH && m < openM) || (h === closeH && m > closeM)),
  });
  return (
    <div style={{ maxWidth: 1000, margin: '0 auto', padding: 16 }} data-testid="facility-detail">
      <Typography.Title level={2}>{f.name} <Tag>{t(`facilities.kinds.${f.kind}`)}</Tag></Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('facilities.fields.owner')}>{f.organisation.name}</Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.location')}>{f.location}</Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.model')}>{[f.model, f.manufacturer].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.fee')}>{yuan(f.feeFen)} {t(`facilities.feeUnits.${f.feeUnit}`)}</Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.days')}>{days} {f.openingHours.open}–{f.openingHours.close} {t('facilities.beijingTime')}</Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.contactName')}>{[f.contactName, f.contactPhone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.specifications')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{f.specifications || '—'}</Typography.Paragraph></Descriptions.Item>
        <Descriptions.Item label={t('facilities.fields.description')} span={2}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{f.description || '—'}</Typography.Paragraph></Descriptions.Item>
      </Descriptions>
      <Card title={t('facilities.detail.calendar')} extra={t('facilities.beijingTime')} size="small" style={{ marginTop: 16 }}>
        <List
          size="small"
          locale={{ emptyText: t('facilities.detail.free') }}
          dataSource={[...(cal.data?.blocks ?? []).map((b) => ({ ...b, kind: 'blocked' as const })), ...(cal.data?.busy ?? []).map((b) => ({ ...b, reason: '', kind: 'busy' as const }))].sort((a, b) => a.startsAt.localeCompare(b.startsAt))}
          renderItem={(b) => (
            <List.Item data-testid="calendar-entry">
              <Tag color={b.kind === 'busy' ? 'blue' : 'red'}>{t(`facilities.detail.${b.kind}`)}</Tag>
              {districtSlot(b.startsAt, b.endsAt)} {b.reason}
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('facilities.detail.book')} size="small" style={{ marginTop: 16 }}>
        {!user ? (
          <Link to={`/login?next=/facilities/${f.id}`}>{t('facilities.detail.signInToBook')}</Link>
        ) : f.actions.includes('book') ? (
          <Form form={form} layout="vertical" onFinish={book} onValuesChange={() => setDone(false)} onKeyDown={pickerEnterStays} data-testid="booking-form">
            {done && <Alert type="success" showIcon message={t('facilities.detail.requested')} style={{ marginBottom: 12 }} data-testid="booking-requested" />}
            <Form.Item
              name="slot"
              label={t('facilities.fields.slotBeijing')}
              rules={[{ required: true }]}
              extra={browserOutsideDistrict() ? <span data-testid="booking-zone-hint">{t('facilities.detail.zoneHint', { now: districtTime(minute) })}</span> : undefined}
            >
              <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" disabledDate={disabledDate} disabledTime={disabledTime} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="purpose" label={t('facilities.fields.purpose')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="booking-purpose" />
            </Form.Item>
            {f.feeUnit === 'sample' && (
              <Form.Item name="samples" label={t('facilities.fields.samples')} rules={[{ required: true }]}>
                <InputNumber min={1} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={m.book.isPending} data-testid="booking-submit">{t('facilities.detail.book')}</Button>
          </Form>
        ) : null}
      </Card>
    </div>
  );
}
