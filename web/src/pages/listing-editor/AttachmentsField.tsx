import { useState } from 'react';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Progress, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { uploadMultipart } from '../../api/client';
import type { AttachmentItem } from './form-model';

const RULE = FILE_RULES.attachment;
const MAX = 20;

/** Attachments (PDF, images) uploaded through the files API; type and size checked here and by the server. */
export function AttachmentsField({ value, onChange }: { value?: AttachmentItem[]; onChange?: (v: AttachmentItem[]) => void }) {
  const { t } = useTranslation();
  const items = value ?? [];
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const beforeUpload = (file: File) => {
    setError(null);
    if (!(RULE.types as readonly string[]).includes(file.type)) {
      setError(t('catalog.editor.fileType', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > RULE.maxBytes) {
      setError(t('catalog.editor.fileSize', { name: file.name, max: RULE.maxBytes / 1024 / 1024 }));
      return Upload.LIST_IGNORE;
    }
    if (items.length >= MAX) {
      setError(t('catalog.editor.fileCount', { max: MAX }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  return (
    <div data-testid="attachments">
      {items.map((a, i) => (
        <Flex key={a.fileId} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <a href={`/api/v1/files/${a.fileId}`} target="_blank" rel="noopener noreferrer">
            <PaperClipOutlined /> {a.filename ?? a.caption ?? a.fileId.slice(0, 8)}
          </a>
          <Input
            size="small"
            style={{ width: 220 }}
            placeholder={t('catalog.fields.caption')}
            maxLength={100}
            value={a.caption}
            onChange={(e) => onChange?.(items.map((x, j) => (j === i ? { ...x, caption: e.target.value } : x)))}
          />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.editor.remove')} onClick={() => onChange?.(items.filter((_, j) => j !== i))} />
        </Flex>
      ))}
      <Upload
        accept={RULE.types.join(',')}
        showUploadList={false}
        beforeUpload={beforeUpload}
        customRequest={({ file, onSuccess, onError }) => {
          const f = file as File;
          setProgress(0);
          uploadMultipart(uploadFile, { purpose: 'attachment' }, f, setProgress)
            .then((view) => {
              setProgress(null);
              onChange?.([...items, { fileId: view.id, filename: view.filename, sizeBytes: view.sizeBytes, contentType: view.contentType }]);
              onSuccess?.(view);
            })
            .catch((e: unknown) => {
              setProgress(null);
              setError(e instanceof Error ? e.message : String(e));
              onError?.(e instanceof Error ? e : new Error(String(e)));
            });
        }}
      >
        <Button icon={<UploadOutlined />} loading={progress !== null} data-testid="attachment-upload">
          {t('catalog.editor.upload')}
        </Button>
      </Upload>
      <div style={{ color: '#888', fontSize: 12, marginTop: 4 }}>{t('catalog.editor.fileHint', { max: RULE.maxBytes / 1024 / 1024 })}</div>
      {progress !== null && <Progress percent={progress} size="small" />}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} closable onClose={() => setError(null)} />}
    </div>
  );
}
