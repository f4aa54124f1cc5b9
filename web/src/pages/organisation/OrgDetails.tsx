import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@shared/contracts/organisations.js';
import { ORG_ACTIONS, allows } from '../../api/actions';
import { useUpdateOrganisation } from '../../api/hooks/organisations';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { VerificationTag, useOrgTypeName } from '../../components/Tags';

const EDITABLE = ['name', 'nameEn', 'regionCode', 'address', 'contactName', 'contactPhone', 'contactEmail'] as const;
type Editable = (typeof EDITABLE)[number];
type Values = Record<Editable, string | undefined>;

/** Read-only descriptions, plus an edit form when the organisation's `actions` allow 'update'. */
export function OrgDetails({ org }: { org: OrganisationView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const update = useUpdateOrganisation(org.id);
  const ok = useSuccessToast();
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) => {
    // Empty optional inputs clear the field (null); the name is required.
    const body = Object.fromEntries(EDITABLE.map((k) => [k, k === 'name' ? v.name : v[k] || null]));
    update.mutate(body, {
      onSuccess: () => {
        ok(t('common.saved'));
        setEditing(false);
      },
      onError: (e) => applyFieldErrors(form, e),
    });
  };

  const startEdit = () => {
    form.setFieldsValue(Object.fromEntries(EDITABLE.map((k) => [k, org[k] ?? ''])) as Values);
    setEditing(true);
  };

  return (
    <Card
      title={t('org.details')}
      extra={
        allows(org, ORG_ACTIONS.update) && !editing ? (
          <Button onClick={startEdit} data-testid="org-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      {editing ? (
        <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 560 }}>
          <ErrorAlert error={update.error} />
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, message: t('validation.required') }, { min: 2, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={t('org.nameEn')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="regionCode" label={t('org.regionCode')} rules={[{ pattern: /^\d{6}$/, message: t('validation.regionCode') }]}>
            <Input maxLength={6} />
          </Form.Item>
          <Form.Item name="address" label={t('org.address')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactName" label={t('org.contactName')} rules={[{ max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('org.contactPhone')} rules={[{ pattern: /^\+?[0-9-]{6,20}$/, message: t('validation.phone') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="contactEmail" label={t('org.contactEmail')} rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <OrgDescriptions org={org} />
      )}
    </Card>
  );
}

export function OrgDescriptions({ org }: { org: OrganisationView }) {
  const { t } = useTranslation();
  const typeName = useOrgTypeName();
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
      <Descriptions.Item label={t('org.name')}>{org.name}</Descriptions.Item>
      <Descriptions.Item label={t('org.nameEn')}>{org.nameEn ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.type')}>{typeName(org.type)}</Descriptions.Item>
      <Descriptions.Item label={t('org.status')}>
        <VerificationTag status={org.verificationStatus} />
      </Descriptions.Item>
      <Descriptions.Item label={t('org.creditCode')}>
        <code>{org.creditCode ?? '—'}</code>
      </Descriptions.Item>
      <Descriptions.Item label={t('org.regionCode')}>{org.regionCode ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.address')}>{org.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.contactName')}>{org.contactName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.contactPhone')}>{org.contactPhone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.contactEmail')}>{org.contactEmail ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('org.memberCount')}>{org.memberCount}</Descriptions.Item>
      <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(org.createdAt)}</Descriptions.Item>
      {org.verificationNote && <Descriptions.Item label={t('review.note')}>{org.verificationNote}</Descriptions.Item>}
    </Descriptions>
  );
}
