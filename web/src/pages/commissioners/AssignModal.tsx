import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TARGET_KINDS, type CommissionerView } from '@shared/contracts/commissioners.js';
import { applyFieldErrors } from '../../api/form-errors';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { OrgPicker } from '../registries/records/pickers';
import { useCommissionerMutations, useTownships, useVillages } from './api';

type Values = { targetKind: 'village' | 'enterprise' | 'park'; townshipId?: string; villageId?: string; organisationId?: string; period: [Dayjs, Dayjs | null]; note?: string };

/** Villages of a township, searched by name on the server (a township can have hundreds). */
function VillagePicker({ townshipId, value, onChange }: { townshipId?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useVillages({ townshipId, q: q || undefined, pageSize: 50 });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      disabled={!townshipId}
      placeholder={t('commissioners.assign.villageHint')}
      value={value}
      onChange={onChange}
      onSearch={setQ}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.name}${v.poor ? t('commissioners.assign.poorTag') : ''}` }))}
      data-testid="assign-village"
    />
  );
}

/**
 * Send a commissioner to a village (township, then village), an enterprise or
 * a park (the API's organisation search, by type) for a period.
 */
export function AssignModal({ commissioner, onClose }: { commissioner: CommissionerView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const m = useCommissionerMutations();
  const toast = useErrorToast();
  const ok = useSuccessToast();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('targetKind', form);
  const townshipId = Form.useWatch('townshipId', form);
  const towns = useTownships();
  const submit = async (v: Values) => {
    try {
      await m.assign.mutateAsync({
        id: commissioner!.id,
        body: {
          targetKind: v.targetKind,
          villageId: v.targetKind === 'village' ? v.villageId : undefined,
          organisationId: v.targetKind === 'village' ? undefined : v.organisationId,
          startsOn: v.period[0].format('YYYY-MM-DD'),
          endsOn: v.period[1]?.format('YYYY-MM-DD') ?? null,
          note: v.note?.trim() || undefined,
        },
      });
      ok(t('commissioners.assign.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) toast(e);
    }
  };
  return (
    <Modal open={!!commissioner} title={`${t('commissioners.list.assign')}：${commissioner?.name ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.assign.isPending}
      destroyOnHidden okButtonProps={{ 'data-testid': 'assign-ok' } as never}>
      <Form form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ targetKind: 'village' }} data-testid="assign-form">
        <Form.Item name="targetKind" label={t('commissioners.fields.target')}>
          <Select data-testid="assign-kind" options={TARGET_KINDS.map((k) => ({ value: k, label: t(`commissioners.targets.${k}`) }))}
            onChange={() => form.setFieldsValue({ villageId: undefined, organisationId: undefined })} />
        </Form.Item>
        {kind === 'village' || kind === undefined ? (
          <>
            <Form.Item name="townshipId" label={t('commissioners.fields.township')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" data-testid="assign-township" loading={towns.isFetching}
                onChange={() => form.setFieldsValue({ villageId: undefined })}
                options={(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            </Form.Item>
            <Form.Item name="villageId" label={t('commissioners.assign.village')} rules={[{ required: true }]}>
              <VillagePicker townshipId={townshipId} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="organisationId" label={t(`commissioners.assign.${kind}`)} rules={[{ required: true }]} extra={t('commissioners.assign.orgHint')}>
            <OrgPicker type={kind === 'park' ? 'park_committee' : 'enterprise'} testId="assign-org" />
          </Form.Item>
        )}
        <Form.Item name="period" label={t('commissioners.fields.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} data-testid="assign-period" />
        </Form.Item>
        <Form.Item name="note" label={t('commissioners.assign.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}
