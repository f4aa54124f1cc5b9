import { Card, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { isYuan } from '../../catalog/money';
import { enumOptions, trlOptions } from '../../catalog/taxonomy-options';
import { AttachmentsField } from './AttachmentsField';
import { ClassificationFields } from './ClassificationFields';
import { ContactFields } from './ContactFields';
import { IpItemsField } from './IpItemsField';
import { SharesList } from './SharesList';

/** The achievement form, in the sections of the national registration form. */
export function AchievementSections() {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = Form.useFormInstance();
  const modes = Form.useWatch('transferModes', form) as string[] | undefined;
  const priceKind = Form.useWatch(['price', 'kind'], form) as string | undefined;
  const appStatus = Form.useWatch('applicationStatus', form) as string | undefined;
  const trl = Form.useWatch('trl', form) as number | undefined;
  const trls = trlOptions(locale);
  const req = { required: true, message: t('catalog.editor.required') };
  const sel = (kind: Parameters<typeof enumOptions>[0]) => <Select options={enumOptions(kind, locale)} placeholder={t('catalog.editor.choose')} data-testid={`field-${kind}`} />;

  return (
    <>
      <Card title={t('catalog.editor.sections.basics')} size="small" id="sec-basics">
        <Form.Item name="title" label={t('catalog.fields.title')} rules={[req, { min: 2, max: 100 }]}>
          <Input maxLength={100} showCount data-testid="field-title" />
        </Form.Item>
        <div className="cg-grid-2">
          <Form.Item name="registrationNumber" label={t('catalog.fields.registrationNumber')}><Input maxLength={40} /></Form.Item>
          <Form.Item name="recommendingUnit" label={t('catalog.fields.recommendingUnit')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="registrationDate" label={t('catalog.fields.registrationDate')}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="confidentiality" label={t('catalog.fields.confidentiality')} rules={[req]} extra={t('catalog.editor.confidentialityHint')}>{sel('confidentiality')}</Form.Item>
          <Form.Item name="attribute" label={t('catalog.fields.attribute')} rules={[req]}>{sel('achievementAttribute')}</Form.Item>
          <Form.Item name="form" label={t('catalog.fields.form')} rules={[req]}>{sel('achievementForm')}</Form.Item>
          <Form.Item name="level" label={t('catalog.fields.level')} rules={[req]}>{sel('achievementLevel')}</Form.Item>
          <Form.Item name="evaluationMethod" label={t('catalog.fields.evaluationMethod')} rules={[req]}>{sel('evaluationMethod')}</Form.Item>
          <Form.Item name="applicationStatus" label={t('catalog.fields.applicationStatus')} rules={[req]}>{sel('applicationStatus')}</Form.Item>
          {(appStatus === 'not-applied' || appStatus === 'discontinued') && (
            <Form.Item name="nonApplicationReason" label={t('catalog.fields.nonApplicationReason')}>{sel('nonApplicationReason')}</Form.Item>
          )}
        </div>
        <Form.Item name="keywords" label={t('catalog.fields.keywords')} rules={[req, { type: 'array', max: 10 }]} extra={t('catalog.editor.keywordsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} open={false} data-testid="field-keywords" />
        </Form.Item>
      </Card>

      <Card title={t('catalog.editor.sections.period')} size="small" id="sec-period">
        <div className="cg-grid-2">
          <Form.Item name="researchStart" label={t('catalog.fields.researchStart')} rules={[req]}><DatePicker picker="month" style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="researchEnd" label={t('catalog.fields.researchEnd')} rules={[req]}><DatePicker picker="month" style={{ width: '100%' }} /></Form.Item>
        </div>
      </Card>

      <Card title={t('catalog.editor.sections.classification')} size="small" id="sec-classification">
        <ClassificationFields techFieldRequired />
      </Card>

      <Card title={t('catalog.editor.sections.maturity')} size="small" id="sec-maturity">
        <Form.Item name="trl" label={t('catalog.fields.trl')} rules={[req]} extra={trls.find((l) => l.value === trl)?.definition}>
          <Select options={trls.map((l) => ({ value: l.value, label: l.label, title: l.definition }))} placeholder={t('catalog.editor.choose')} data-testid="field-trl" />
        </Form.Item>
        <Form.Item name="stage" label={t('catalog.fields.stage')} rules={[req]}>
          <Radio.Group options={enumOptions('achievementStage', locale)} />
        </Form.Item>
      </Card>

      <Card title={t('catalog.editor.sections.ip')} size="small" id="sec-ip">
        <IpItemsField />
      </Card>

      <Card title={t('catalog.editor.sections.transfer')} size="small" id="sec-transfer">
        <Form.Item name="transferModes" label={t('catalog.fields.transferModes')} rules={[req]}>
          <Checkbox.Group options={enumOptions('transferMode', locale)} data-testid="field-transferModes" />
        </Form.Item>
        {modes?.includes('license') && (
          <Form.Item name="licenseKinds" label={t('catalog.fields.licenseKinds')} rules={[req]}>
            <Checkbox.Group options={enumOptions('licenseKind', locale)} />
          </Form.Item>
        )}
        <Form.Item label={t('catalog.fields.price')} required>
          <Space wrap>
            <Form.Item name={['price', 'kind']} noStyle>
              <Radio.Group
                options={[{ value: 'fixed', label: t('catalog.editor.priceFixed') }, { value: 'negotiable', label: t('catalog.negotiable') }]}
                data-testid="field-price-kind"
              />
            </Form.Item>
            {priceKind === 'fixed' && (
              <Form.Item
                name={['price', 'yuan']}
                noStyle
                rules={[req, { validator: async (_, v: string) => { if (v && !isYuan(v)) throw new Error(t('catalog.editor.yuanInvalid')); } }]}
              >
                <Input addonAfter={t('catalog.yuan')} inputMode="decimal" style={{ width: 220 }} data-testid="field-price-yuan" />
              </Form.Item>
            )}
          </Space>
        </Form.Item>
      </Card>

      <Card title={t('catalog.editor.sections.texts')} size="small" id="sec-texts">
        <Form.Item name="summary" label={t('catalog.fields.summary')} rules={[req, { min: 20, max: 4000 }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} showCount data-testid="field-summary" />
        </Form.Item>
        <Form.Item name="advantage" label={t('catalog.fields.advantage')} extra={t('catalog.editor.advantageHint')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount data-testid="field-advantage" />
        </Form.Item>
        <Form.Item name="applicationScenarios" label={t('catalog.fields.applicationScenarios')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="commercialRoute" label={t('catalog.fields.commercialRoute')} extra={t('catalog.editor.routeHint')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} showCount />
        </Form.Item>
      </Card>

      <Card title={t('catalog.editor.sections.people')} size="small" id="sec-people">
        <Form.Item label={t('catalog.fields.completingUnits')} required>
          <SharesList name="completingUnits" />
        </Form.Item>
        <Form.Item label={t('catalog.fields.completers')} required>
          <SharesList name="completers" />
        </Form.Item>
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
