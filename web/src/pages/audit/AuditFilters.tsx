import { Button, Form, Input, Select } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fromPicker } from '../../components/district-time';

export type AuditFilterValues = {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'success' | 'denied' | 'failure';
};

type FormValues = Omit<AuditFilterValues, 'from' | 'to'> & { range?: [Dayjs | null, Dayjs | null] | null };

const OUTCOMES = ['success', 'denied', 'failure'] as const;

export function AuditFilters({ onChange }: { onChange: (f: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const apply = (v: FormValues) =>
    onChange({
      // The picker holds 北京时间 like the log's times (decision 0028); sent as ISO
      // with +08:00, as the contract's datetime({ offset: true }) expects. The end
      // is exclusive on the server: up to the start of the next minute.
      from: v.range?.[0] ? fromPicker(v.range[0].startOf('minute')) : undefined,
      to: v.range?.[1] ? fromPicker(v.range[1].startOf('minute').add(1, 'minute')) : undefined,
      actor: v.actor || undefined,
      action: v.action || undefined,
      entityType: v.entityType || undefined,
      entityId: v.entityId || undefined,
      outcome: v.outcome || undefined,
    });
  return (
    <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item name="range">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={[t('audit.range'), t('audit.range')]} />
      </Form.Item>
      <Form.Item name="actor">
        <Input placeholder={t('audit.actor')} allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action">
        <Input placeholder={t('audit.action')} allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="entityType">
        <Input placeholder={t('audit.entityType')} allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="entityId">
        <Input placeholder={t('audit.entityId')} allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="outcome">
        <Select
          allowClear
          placeholder={t('audit.anyOutcome')}
          style={{ width: 120 }}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="audit-search">
        {t('common.search')}
      </Button>
      <Button
        onClick={() => {
          form.resetFields();
          onChange({});
        }}
      >
        {t('common.reset')}
      </Button>
    </Form>
  );
}
