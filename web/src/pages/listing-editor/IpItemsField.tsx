import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { enumOptions } from '../../catalog/taxonomy-options';

/** Patents, software copyrights and other IP rights of an achievement. */
export function IpItemsField() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Form.List name="ipItems">
      {(fields, { add, remove }) => (
        <div data-testid="ip-items">
          {fields.map((f) => (
            <div key={f.key} className="cg-row-fields">
              <Form.Item name={[f.name, 'type']} label={t('catalog.fields.ipType')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
                <Select options={enumOptions('ipType', locale)} style={{ minWidth: 150 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'number']} label={t('catalog.fields.ipNumber')}>
                <Input maxLength={40} placeholder="ZL202010123456.7" />
              </Form.Item>
              <Form.Item name={[f.name, 'title']} label={t('catalog.fields.ipTitle')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={[f.name, 'legalStatus']} label={t('catalog.fields.ipLegalStatus')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
                <Select options={enumOptions('ipLegalStatus', locale)} style={{ minWidth: 110 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'expiryDate']} label={t('catalog.fields.expiryDate')}>
                <DatePicker />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('catalog.editor.remove')} style={{ marginTop: 30 }} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ legalStatus: 'granted' })} data-testid="add-ip">
            {t('catalog.editor.addIp')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
