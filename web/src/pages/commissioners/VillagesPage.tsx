import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import * as c from '@shared/contracts/commissioners.js';
import type { VillageView } from '@shared/contracts/commissioners.js';
import { download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useCommissionerMutations, useTownships, useVillages } from './api';

type ImportResult = Awaited<ReturnType<ReturnType<typeof useCommissionerMutations>['importVillages']['mutateAsync']>>;

/** The village register by township with poverty status; the bureau adds villages or imports them from CSV. */
export function VillagesPage() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const manage = hasPermission('manage:village');
  const towns = useTownships();
  const [townshipId, setTownshipId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useVillages({ townshipId, page, pageSize: 50 });
  const m = useCommissionerMutations();
  const toast = useErrorToast();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [form] = Form.useForm();
  const add = async (v: { townshipId: string; name: string; households?: number; povertyFlaggedYear?: number; povertyLiftedYear?: number }) => {
    try {
      await m.createVillage.mutateAsync({ ...v, households: v.households ?? null, povertyFlaggedYear: v.povertyFlaggedYear ?? null, povertyLiftedYear: v.povertyLiftedYear ?? null });
      setAdding(false);
    } catch (e) {
      if (!applyFieldErrors(form, e)) toast(e);
    }
  };
  const runImport = async (commit: boolean) => {
    try {
      setResult(await m.importVillages.mutateAsync({ csv, commit }));
    } catch (e) {
      toast(e);
    }
  };
  return (
    <div data-testid="villages-page">
      <PageTitle
        title={t('commissioners.villages.title')}
        extra={
          <Space wrap>
            <Select allowClear style={{ width: 160 }} placeholder={t('commissioners.fields.township')} value={townshipId} onChange={(v) => { setTownshipId(v); setPage(1); }} options={(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} />
            {manage && <Button onClick={() => { form.resetFields(); setAdding(true); }}>{t('commissioners.villages.add')}</Button>}
            {manage && <Button type="primary" onClick={() => { setResult(null); setCsv(''); setImporting(true); }}>{t('commissioners.villages.import')}</Button>}
          </Space>
        }
      />
      <ErrorAlert error={list.error} />
      <Table
        rowKey="id"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('commissioners.fields.township'), key: 't', render: (_, v: VillageView) => v.township.name },
          { title: t('commissioners.fields.village'), dataIndex: 'name' },
          { title: t('commissioners.fields.households'), dataIndex: 'households' },
          { title: t('commissioners.fields.poor'), key: 'p', render: (_, v: VillageView) => v.poor && <Tag color="orange">{t('commissioners.fields.poor')}</Tag> },
          { title: t('commissioners.fields.flagged'), dataIndex: 'povertyFlaggedYear' },
          { title: t('commissioners.fields.lifted'), dataIndex: 'povertyLiftedYear' },
        ]}
      />
      <Modal open={adding} title={t('commissioners.villages.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={m.createVillage.isPending}>
        <Form form={form} layout="vertical" onFinish={add}>
          <Form.Item name="townshipId" label={t('commissioners.fields.township')} rules={[{ required: true }]}><Select options={(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))} /></Form.Item>
          <Form.Item name="name" label={t('commissioners.fields.village')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="households" label={t('commissioners.fields.households')}><InputNumber min={0} /></Form.Item>
          <Space>
            <Form.Item name="povertyFlaggedYear" label={t('commissioners.fields.flagged')}><InputNumber min={1980} max={2100} /></Form.Item>
            <Form.Item name="povertyLiftedYear" label={t('commissioners.fields.lifted')}><InputNumber min={1980} max={2100} /></Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal open={importing} width={720} title={t('commissioners.villages.import')} onCancel={() => setImporting(false)} footer={null}>
        <Alert type="info" showIcon message={t('commissioners.villages.importHint')} style={{ marginBottom: 12 }} action={<Button size="small" onClick={() => void download(c.villageTemplate, undefined, 'villages.csv')}>{t('commissioners.villages.template')}</Button>} />
        <Upload accept=".csv,text/csv" showUploadList={false} beforeUpload={(file) => { void file.text().then(setCsv); return false; }}>
          <Button>CSV</Button>
        </Upload>
        <Input.TextArea rows={8} value={csv} onChange={(e) => setCsv(e.target.value)} style={{ marginTop: 8, fontFamily: 'monospace' }} />
        <Space style={{ marginTop: 8 }}>
          <Button disabled={!csv} onClick={() => void runImport(false)} loading={m.importVillages.isPending}>{t('commissioners.villages.validate')}</Button>
          <Button type="primary" disabled={!csv} onClick={() => void runImport(true)} loading={m.importVillages.isPending}>{t('commissioners.villages.commit')}</Button>
        </Space>
        {result && (
          <>
            <Alert style={{ marginTop: 12 }} type={result.errors.length ? 'error' : result.committed ? 'success' : 'info'} message={t('commissioners.villages.result', { rows: result.rows, valid: result.valid, created: result.created, updated: result.updated })} />
            {result.errors.length > 0 && (
              <Table size="small" rowKey={(r) => `${r.row}-${r.column}-${r.message}`} dataSource={result.errors} pagination={false} columns={[{ title: '#', dataIndex: 'row' }, { title: t('commissioners.fields.target'), dataIndex: 'column' }, { title: '', dataIndex: 'message' }]} />
            )}
          </>
        )}
      </Modal>
    </div>
  );
}
