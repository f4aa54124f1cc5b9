import { useMemo } from 'react';
import { Cascader, Form, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../catalog/locale';
import { industryOptions, pillarOptions, regionOptions, techFieldTree } from '../../catalog/taxonomy-options';

/** Industry (section → division), technology field, pillar tags and region, from shared/taxonomies. */
export function ClassificationFields({ techFieldRequired }: { techFieldRequired: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const industries = useMemo(() => industryOptions(locale), [locale]);
  const regions = useMemo(() => regionOptions(locale), [locale]);
  const fields = useMemo(() => techFieldTree(locale), [locale]);
  const pillars = useMemo(() => pillarOptions(locale), [locale]);
  const req = { required: true, message: t('catalog.editor.required') };
  return (
    <>
      <Form.Item name="industry" label={t('catalog.fields.industry')} rules={[req]} extra={t('catalog.editor.industryHint')}>
        <Cascader options={industries} changeOnSelect showSearch placeholder={t('catalog.editor.choose')} data-testid="field-industry" />
      </Form.Item>
      <Form.Item name="techField" label={t('catalog.fields.techField')} rules={techFieldRequired ? [req] : []}>
        <TreeSelect treeData={fields} showSearch treeNodeFilterProp="title" allowClear placeholder={t('catalog.editor.choose')} data-testid="field-techField" />
      </Form.Item>
      <Form.Item name="pillarTags" label={t('catalog.fields.pillarTags')} rules={[{ type: 'array', max: 5, message: t('catalog.editor.max5') }]}>
        <Select mode="multiple" options={pillars} allowClear placeholder={t('catalog.editor.choose')} data-testid="field-pillarTags" optionFilterProp="label" />
      </Form.Item>
      <Form.Item name="region" label={t('catalog.fields.regionCode')} rules={[req]}>
        <Cascader options={regions} changeOnSelect showSearch placeholder={t('catalog.editor.choose')} data-testid="field-region" />
      </Form.Item>
    </>
  );
}
