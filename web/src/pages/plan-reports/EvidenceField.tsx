import { useState } from 'react';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { uploadMultipart } from '../../api/client';

export type EvidenceItem = { id: string; filename: string };
const RULE = FILE_RULES.attachment;
const MAX = 20;

/** Evidence files (purpose "attachment"): uploaded at once, their ids sent with the report. */
export function EvidenceField({ value, onChange, testId = 'evidence-upload' }: { value?: EvidenceItem[]; onChange?: (v: EvidenceItem[]) => void; testId?: string }) {
  const { t } = useTranslation();
  const items = value ?? [];
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {items.map((f) => (
        <Flex key={f.id} gap={8} align="center" style={{ marginBottom: 4 }}>
          <a href={`/api/v1/files/${f.id}`} target="_blank" rel="noopener noreferrer"><PaperClipOutlined /> {f.filename}</a>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.editor.remove')} onClick={() => onChange?.(items.filter((x) => x.id !== f.id))} />
        </Flex>
      ))}
      <Upload
        accept={RULE.types.join(',')}
        showUploadList={false}
        beforeUpload={(file) => {
          setError(null);
          if (!(RULE.types as readonly string[]).includes(file.type)) { setError(t('catalog.editor.fileType', { name: file.name })); return Upload.LIST_IGNORE; }
          if (file.size > RULE.maxBytes) { setError(t('catalog.editor.fileSize', { name: file.name, max: RULE.maxBytes / 1024 / 1024 })); return Upload.LIST_IGNORE; }
          if (items.length >= MAX) { setError(t('catalog.editor.fileCount', { max: MAX })); return Upload.LIST_IGNORE; }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          setProgress(0);
          uploadMultipart(uploadFile, { purpose: 'attachment' }, file as File, setProgress)
            .then((view) => {
              setProgress(null);
              onChange?.([...items, { id: view.id, filename: view.filename }]);
              onSuccess?.(view);
            })
            .catch((e: unknown) => {
              setProgress(null);
              setError(e instanceof Error ? e.message : String(e));
              onError?.(e instanceof Error ? e : new Error(String(e)));
            });
        }}
      >
        <Button icon={<UploadOutlined />} loading={progress !== null} data-testid={testId}>{t('catalog.editor.upload')}</Button>
      </Upload>
      <div style={{ color: '#888', fontSize: 12, marginTop: 4 }}>{t('catalog.editor.fileHint', { max: RULE.maxBytes / 1024 / 1024 })}</div>
      {progress !== null && <Progress percent={progress} size="small" />}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} closable onClose={() => setError(null)} />}
    </div>
  );
}
