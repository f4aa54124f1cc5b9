import { Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { isYuan } from '../../catalog/money';
import { enumOptions } from '../../catalog/taxonomy-options';
import { AttachmentsField } from './AttachmentsField';
import { ClassificationFields } from './ClassificationFields';
import { ContactFields } from './ContactFields';

/** The technology demand form. */
export function DemandSections() {
  const { t } = useTranslation();
  const locale = useLocale();
  const req = { required: true, message: t('catalog.editor.required') };
  const yuan = { validator: async (_: unknown, v: string) => { if (v && !isYuan(v)) throw new Error(t('catalog.editor.yuanInvalid')); } };
  return (
    <>
      <Card title={t('catalog.editor.sections.demandBasics')} size="small" id="sec-basics">
        <Form.Item name="title" label={t('catalog.fields.title')} rules={[req, { min: 4, max: 100 }]}>
          <Input maxLength={100} showCount data-testid="field-title" />
        </Form.Item>
        <Form.Item name="problem" label={t('catalog.fields.problem')} rules={[req, { min: 20, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} showCount data-testid="field-problem" />
        </Form.Item>
        <Form.Item name="indicators" label={t('catalog.fields.indicators')} extra={t('catalog.editor.indicatorsHint')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount data-testid="field-indicators" />
        </Form.Item>
        <Form.Item name="currentState" label={t('catalog.fields.currentState')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount data-testid="field-currentState" />
        </Form.Item>
        <Form.Item name="keywords" label={t('catalog.fields.keywords')} rules={[{ type: 'array', max: 10 }]} extra={t('catalog.editor.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} data-testid="field-keywords" />
        </Form.Item>
      </Card>
      <Card title={t('catalog.editor.sections.cooperation')} size="small" id="sec-cooperation">
        <Form.Item name="cooperationModes" label={t('catalog.fields.cooperationModes')} rules={[req]}>
          <Checkbox.Group options={enumOptions('cooperationMode', locale)} data-testid="field-cooperationModes" />
        </Form.Item>
        <Form.Item label={t('catalog.fields.budget')}>
          <Space wrap>
            <Form.Item name={['budget', 'minYuan']} noStyle rules={[yuan]}>
              <Input placeholder={t('catalog.portal.minYuan')} addonAfter={t('catalog.yuan')} inputMode="decimal" style={{ width: 180 }} data-testid="field-budget-min" />
            </Form.Item>
            <Form.Item name={['budget', 'maxYuan']} noStyle rules={[yuan]}>
              <Input placeholder={t('catalog.portal.maxYuan')} addonAfter={t('catalog.yuan')} inputMode="decimal" style={{ width: 180 }} data-testid="field-budget-max" />
            </Form.Item>
            <Form.Item name={['budget', 'negotiable']} noStyle valuePropName="checked">
              <Checkbox data-testid="field-budget-negotiable">{t('catalog.negotiable')}</Checkbox>
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="deadline" label={t('catalog.fields.deadline')} rules={[req]}>
          <DatePicker style={{ width: 200 }} data-testid="field-deadline" />
        </Form.Item>
      </Card>
      <Card title={t('catalog.editor.sections.classification')} size="small" id="sec-classification">
        <ClassificationFields techFieldRequired={false} />
      </Card>
      <Card title={t('catalog.editor.sections.attachments')} size="small" id="sec-attachments">
        <Form.Item name="attachments"><AttachmentsField /></Form.Item>
      </Card>
      <Card title={t('catalog.editor.sections.contact')} size="small" id="sec-contact">
        <ContactFields />
      </Card>
    </>
  );
}
