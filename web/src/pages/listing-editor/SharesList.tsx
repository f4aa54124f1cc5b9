import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Total of the shares, to two decimals, without float noise (shares have at most two decimals). */
export function shareTotal(items: readonly ({ share?: number | null } | undefined)[] | undefined): number {
  const hundredths = (items ?? []).reduce((s, i) => s + Math.round((i?.share ?? 0) * 100), 0);
  return hundredths / 100;
}

/**
 * Completing units or completers with their shares in percent; the running
 * total is shown and must be exactly 100 (the server checks the same).
 */
export function SharesList({ name }: { name: 'completingUnits' | 'completers' }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const items = Form.useWatch(name, form) as { share?: number | null }[] | undefined;
  const total = shareTotal(items);
  const isUnits = name === 'completingUnits';
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, value: { share?: number }[] | undefined) => {
            if (!value || value.length === 0) return;
            if (shareTotal(value) !== 100) throw new Error(t('catalog.editor.sharesMust100'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid={`shares-${name}`}>
          {fields.map((f) => (
            <div key={f.key} className="cg-row-fields">
              <Form.Item name={[f.name, 'name']} label={t(isUnits ? 'catalog.fields.unitName' : 'catalog.fields.personName')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
                <Input maxLength={isUnits ? 100 : 40} />
              </Form.Item>
              {isUnits ? (
                <Form.Item name={[f.name, 'creditCode']} label={t('catalog.fields.creditCode')}>
                  <Input maxLength={18} />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name={[f.name, 'unit']} label={t('catalog.fields.personUnit')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} label={t('catalog.fields.personTitle')}>
                    <Input maxLength={40} />
                  </Form.Item>
                </>
              )}
              <Form.Item name={[f.name, 'share']} label={t('catalog.fields.share')} rules={[{ required: true, message: t('catalog.editor.required') }]}>
                <InputNumber min={0} max={100} precision={2} addonAfter="%" style={{ width: 140 }} />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('catalog.editor.remove')} style={{ marginTop: 30 }} />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ share: fields.length === 0 ? 100 : 0 })} data-testid={`add-${name}`}>
            {t(isUnits ? 'catalog.editor.addUnit' : 'catalog.editor.addPerson')}
          </Button>
          {fields.length > 0 && (
            <Typography.Text type={total === 100 ? 'success' : 'danger'} style={{ marginLeft: 12 }} data-testid={`shares-total-${name}`}>
              {t('catalog.editor.sharesTotal', { total })}
            </Typography.Text>
          )}
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
