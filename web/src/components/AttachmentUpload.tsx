import { useState } from 'react';
import { UploadOutlined } from '@ant-design/icons';
import { Button, Progress, Upload } from 'antd';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { uploadMultipart } from '../api/client';

type Props = { value?: string; onChange?: (id: string) => void; testId: string; label: string };

/**
 * One attachment (PDF, Office document or image) uploaded with a progress bar;
 * as a form field it holds the file's id. The server decides whose file it is:
 * the caller's organisation's when the caller belongs to one, else the
 * caller's own (no organisation; read by its uploader and the bureau, e.g. an
 * expert's evidence for an objection; decision 0027). Voucher evidence,
 * funding documents and objection evidence use it.
 */
export function AttachmentUpload({ value, onChange, testId, label }: Props) {
  const [name, setName] = useState<string | null>(null);
  const [pct, setPct] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <Upload
        accept={FILE_RULES.attachment.types.join(',')}
        showUploadList={false}
        beforeUpload={(f) => {
          setError(null);
          setPct(0);
          uploadMultipart(uploadFile, { purpose: 'attachment' }, f, setPct)
            .then((v) => {
              setName(v.filename);
              onChange?.(v.id);
            })
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            .finally(() => setPct(null));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={pct !== null} data-testid={testId}>{label}</Button>
      </Upload>
      {pct !== null && <Progress percent={pct} size="small" />}
      {value && name && <div data-testid={`${testId}-name`}>{name}</div>}
      {error && <div style={{ color: '#cf1322' }}>{error}</div>}
    </div>
  );
}
