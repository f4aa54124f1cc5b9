import { useEffect } from 'react';
import { Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, FEE_UNITS, type FacilityView } from '@shared/contracts/facilities.js';
import { applyFieldErrors } from '../../api/form-errors';
import { TimePicker } from '../../components/DistrictTimePicker';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { pickerEnterStays, useFacilityMutations } from './api';

type Values = Omit<FacilityView, 'openingHours' | 'feeFen'> & { feeYuan: number; days: number[]; hours: [Dayjs, Dayjs] };

/** Register a facility or change one (a published one's change waits for review). */
export function FacilityForm({ open, onClose, facility }: { open: boolean; onClose: () => void; facility: FacilityView | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useFacilityMutations();
  const toast = useErrorToast();
  const ok = useSuccessToast();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (facility) {
      form.setFieldsValue({
        ...facility,
        feeYuan: facility.feeFen / 100,
        days: facility.openingHours.days,
        hours: [dayjs(facility.openingHours.open, 'HH:mm'), dayjs(facility.openingHours.close, 'HH:mm')],
      } as never);
    } else {
      form.setFieldsValue({ kind: 'instrument', feeUnit: 'hour', days: [1, 2, 3, 4, 5], hours: [dayjs('08:30', 'HH:mm'), dayjs('17:30', 'HH:mm')] } as never);
    }
  }, [open, facility, form]);
  const save = async (v: Values) => {
    const body = {
      kind: v.kind,
      name: v.name,
      category: v.category ?? '',
      model: v.model || null,
      manufacturer: v.manufacturer || null,
      specifications: v.specifications ?? '',
      description: v.description ?? '',
      location: v.location,
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
      feeUnit: v.feeUnit,
      feeFen: Math.round((v.feeYuan ?? 0) * 100),
      openingHours: { days: v.days, open: v.hours[0].format('HH:mm'), close: v.hours[1].format('HH:mm') },
    };
    try {
      if (facility) await m.update.mutateAsync({ id: facility.id, body });
      else await m.create.mutateAsync(body);
      ok(t('facilities.console.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) toast(e);
    }
  };
  const dayOptions = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: String(t(`facilities.weekdays.d${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`)) }));
  return (
    <Drawer open={open} onClose={onClose} width={560} title={facility ? t('facilities.console.edit') : t('facilities.console.add')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={save} onKeyDown={pickerEnterStays} data-testid="facility-form">
        <Form.Item name="kind" label={t('facilities.fields.kind')} rules={[{ required: true }]}>
          <Select options={FACILITY_KINDS.map((k) => ({ value: k, label: t(`facilities.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('facilities.fields.name')} rules={[{ required: true }]}><Input maxLength={200} data-testid="facility-name" /></Form.Item>
        <Space.Compact block>
          <Form.Item name="category" label={t('facilities.fields.category')} style={{ flex: 1 }}><Input maxLength={100} data-testid="facility-category" /></Form.Item>
          <Form.Item name="model" label={t('facilities.fields.model')} style={{ flex: 1 }}><Input maxLength={200} data-testid="facility-model" /></Form.Item>
        </Space.Compact>
        <Form.Item name="manufacturer" label={t('facilities.fields.manufacturer')}><Input maxLength={200} data-testid="facility-manufacturer" /></Form.Item>
        <Form.Item name="specifications" label={t('facilities.fields.specifications')}><Input.TextArea rows={3} maxLength={8000} data-testid="facility-specifications" /></Form.Item>
        <Form.Item name="description" label={t('facilities.fields.description')}><Input.TextArea rows={3} maxLength={8000} data-testid="facility-description" /></Form.Item>
        <Form.Item name="location" label={t('facilities.fields.location')} rules={[{ required: true }]}><Input maxLength={300} data-testid="facility-location" /></Form.Item>
        <Space.Compact block>
          <Form.Item name="contactName" label={t('facilities.fields.contactName')} style={{ flex: 1 }}><Input maxLength={100} /></Form.Item>
          <Form.Item name="contactPhone" label={t('facilities.fields.contactPhone')} style={{ flex: 1 }}><Input maxLength={50} /></Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="feeYuan" label={t('facilities.fields.feeYuan')} rules={[{ required: true }]} style={{ flex: 1 }}><InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="facility-fee" /></Form.Item>
          <Form.Item name="feeUnit" label={t('facilities.fields.feeUnit')} style={{ flex: 1 }}>
            <Select options={FEE_UNITS.map((u) => ({ value: u, label: t(`facilities.feeUnits.${u}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="days" label={t('facilities.fields.days')} rules={[{ required: true }]}><Checkbox.Group options={dayOptions} data-testid="facility-days" /></Form.Item>
        <Form.Item name="hours" label={t('facilities.fields.hoursBeijing')} rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={15} data-testid="facility-hours" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.create.isPending || m.update.isPending} data-testid="facility-submit">{t('common.submit')}</Button>
      </Form>
    </Drawer>
  );
}
