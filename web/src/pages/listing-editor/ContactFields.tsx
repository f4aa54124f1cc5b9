import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export function ContactFields() {
  const { t } = useTranslation();
  return (
    <>
      <div className="cg-grid-2">
        <Form.Item name={['contact', 'name']} label={t('catalog.fields.contactName')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
          <Input maxLength={40} data-testid="field-contact-name" />
        </Form.Item>
        <Form.Item name={['contact', 'phone']} label={t('catalog.fields.contactPhone')}>
          <Input maxLength={20} inputMode="tel" data-testid="field-contact-phone" />
        </Form.Item>
        <Form.Item name={['contact', 'email']} label={t('catalog.fields.contactEmail')} rules={[{ type: 'email', message: t('catalog.editor.emailInvalid') }]}>
          <Input maxLength={120} inputMode="email" data-testid="field-contact-email" />
        </Form.Item>
      </div>
      <div style={{ color: '#888', fontSize: 12 }}>{t('catalog.editor.contactHint')}</div>
    </>
  );
}
