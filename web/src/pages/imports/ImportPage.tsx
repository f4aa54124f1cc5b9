import { useState } from 'react';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Progress, Radio, Space, Statistic, Steps, Table, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { IMPORT_FORMATS, IMPORT_MODES, IMPORT_TARGETS, downloadImportErrors, downloadImportTemplate, type ImportView } from '@shared/contracts/imports.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { download, uploadMultipart } from '../../api/client';
import { useImportBatch, useImportMutations } from '../../api/hooks/imports';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useLocale } from '../../catalog/locale';
import { useSession } from '../../session/SessionContext';

const RULE = FILE_RULES.import;
/** Browsers often report no type or a vendor type for CSV and JSONL; the extension decides here, the server checks content. */
const EXTENSIONS = ['.xlsx', '.csv', '.jsonl', '.ndjson'];

/** 批量导入: templates, upload, validation with progress and a report of rejected rows, then commit. */
export function ImportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { hasPermission } = useSession();
  const fail = useErrorToast();
  const m = useImportMutations();
  const [kind, setKind] = useState<ListingKind>('achievement');
  const [mode, setMode] = useState<(typeof IMPORT_MODES)[number]>('all_or_nothing');
  const [target, setTarget] = useState<(typeof IMPORT_TARGETS)[number]>('draft');
  const [uploadPct, setUploadPct] = useState<number | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [batchId, setBatchId] = useState<string | null>(null);
  const batch = useImportBatch(batchId);
  const b = batch.data;
  const canPublish = hasPermission('publish:import');

  const start = (file: File) => {
    setFileError(null);
    const lower = file.name.toLowerCase();
    if (!EXTENSIONS.some((e) => lower.endsWith(e))) {
      setFileError(t('catalog.imports.fileType', { name: file.name }));
      return;
    }
    if (file.size > RULE.maxBytes) {
      setFileError(t('catalog.editor.fileSize', { name: file.name, max: RULE.maxBytes / 1024 / 1024 }));
      return;
    }
    setUploadPct(0);
    setBatchId(null);
    uploadMultipart(uploadFile, { purpose: 'import' }, file, setUploadPct)
      .then((f) => m.create.mutateAsync({ fileId: f.id, kind, mode, targetStatus: target }))
      .then((v) => setBatchId(v.id))
      .catch((e: unknown) => {
        setFileError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => setUploadPct(null));
  };

  const step = !b ? (uploadPct !== null ? 0 : -1) : b.status === 'validating' ? 1 : b.status === 'validated' ? 2 : b.status === 'importing' ? 3 : 4;

  return (
    <>
      <PageTitle title={t('console.menu.imports')} />
      <Flex vertical gap={16}>
        <Card size="small" title={t('catalog.imports.templates')}>
          <Space wrap>
            {(['achievement', 'demand'] as const).map((k) =>
              IMPORT_FORMATS.map((f) => (
                <Button key={`${k}-${f}`} icon={<DownloadOutlined />} onClick={() => download(downloadImportTemplate, { format: f }, `${k}-template.${f}`, { kind: k }).catch(fail)} data-testid={`template-${k}-${f}`}>
                  {t(k === 'achievement' ? 'nav.achievements' : 'nav.demands')} · {f.toUpperCase()}
                </Button>
              )),
            )}
          </Space>
        </Card>
        <Card size="small" title={t('catalog.imports.upload')}>
          <Form layout="vertical">
            <Form.Item label={t('catalog.imports.kind')}>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ListingKind)} options={[{ value: 'achievement', label: t('nav.achievements') }, { value: 'demand', label: t('nav.demands') }]} />
            </Form.Item>
            <Form.Item label={t('catalog.imports.mode')}>
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as typeof mode)} data-testid="import-mode">
                {IMPORT_MODES.map((x) => <Radio key={x} value={x}>{t(`catalog.imports.modes.${x}`)}</Radio>)}
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('catalog.imports.target')}>
              <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as typeof target)} data-testid="import-target">
                {IMPORT_TARGETS.map((x) => <Radio key={x} value={x} disabled={x === 'published' && !canPublish}>{t(`catalog.imports.targets.${x}`)}</Radio>)}
              </Radio.Group>
            </Form.Item>
          </Form>
          <Upload.Dragger accept={EXTENSIONS.join(',')} showUploadList={false} disabled={uploadPct !== null} beforeUpload={(f) => { start(f); return false; }} data-testid="import-upload">
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t('catalog.imports.drop')}</p>
            <p style={{ color: '#888' }}>{t('catalog.imports.dropHint', { max: RULE.maxBytes / 1024 / 1024 })}</p>
          </Upload.Dragger>
          {uploadPct !== null && <Progress percent={uploadPct} style={{ marginTop: 12 }} data-testid="import-upload-progress" />}
          {fileError && <Alert type="error" showIcon message={fileError} style={{ marginTop: 12 }} />}
        </Card>
        {step >= 0 && (
          <Steps
            size="small"
            current={step}
            status={b?.status === 'failed' ? 'error' : undefined}
            items={[
              { title: t('catalog.imports.steps.upload') },
              { title: t('catalog.imports.steps.validate') },
              { title: t('catalog.imports.steps.review') },
              { title: t('catalog.imports.steps.import') },
              { title: t('catalog.imports.steps.done') },
            ]}
          />
        )}
        <ErrorAlert error={batch.error} />
        {b && <BatchCard b={b} locale={locale} onCommit={() => m.commit.mutateAsync(b.id).catch(fail)} committing={m.commit.isPending} />}
      </Flex>
    </>
  );
}

function BatchCard({ b, locale, onCommit, committing }: { b: ImportView; locale: string; onCommit: () => void; committing: boolean }) {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const pct = b.totalRows > 0 ? Math.floor((b.processedRows / b.totalRows) * 100) : b.status === 'validating' ? 0 : 100;
  const running = b.status === 'validating' || b.status === 'importing';
  return (
    <Card size="small" title={t(`catalog.imports.status.${b.status}`)} data-testid="import-batch" data-status={b.status}>
      {running && <Progress percent={pct} status="active" data-testid="import-progress" />}
      <Flex gap={24} wrap style={{ margin: '12px 0' }}>
        <Statistic title={t('catalog.imports.total')} value={b.totalRows} />
        <Statistic title={t('catalog.imports.valid')} value={b.validRows} valueStyle={{ color: '#389e0d' }} />
        <Statistic title={t('catalog.imports.invalid')} value={b.invalidRows} valueStyle={{ color: b.invalidRows ? '#cf1322' : undefined }} />
        <Statistic title={t('catalog.imports.imported')} value={b.importedRows} />
      </Flex>
      {b.failure && <Alert type="error" showIcon message={b.failure} style={{ marginBottom: 12 }} />}
      {b.status === 'validated' && b.mode === 'all_or_nothing' && b.invalidRows > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('catalog.imports.allOrNothingBlocked')} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {b.actions.includes('commit') && (
          <Button type="primary" loading={committing} onClick={onCommit} data-testid="import-commit">
            {t('catalog.imports.commit', { count: b.mode === 'valid_only' ? b.validRows : b.totalRows })}
          </Button>
        )}
        {b.invalidRows > 0 && (
          <Button icon={<DownloadOutlined />} onClick={() => download(downloadImportErrors, undefined, 'errors.csv', { id: b.id }).catch(fail)} data-testid="import-errors-download">
            {t('catalog.imports.downloadReport')}
          </Button>
        )}
      </Space>
      {b.errors.length > 0 && (
        <>
          {b.errorsTruncated && <Alert type="info" showIcon message={t('catalog.imports.truncated', { shown: b.errors.length, total: b.invalidRows })} style={{ marginBottom: 8 }} />}
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.field}-${r.message}`}
            dataSource={b.errors}
            pagination={{ pageSize: 20 }}
            scroll={{ x: true }}
            data-testid="import-errors"
            columns={[
              { title: t('catalog.imports.row'), dataIndex: 'row', width: 70 },
              { title: t('catalog.imports.field'), key: 'field', render: (_, r) => r.column ?? (r.field || t('catalog.imports.wholeRow')) },
              { title: t('catalog.imports.reason'), key: 'msg', render: (_, r) => (locale === 'en' ? r.messageEn : r.message) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
