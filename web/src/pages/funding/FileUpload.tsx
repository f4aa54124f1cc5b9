import { useState } from 'react';
import { UploadOutlined } from '@ant-design/icons';
import { Button, Progress, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { uploadMultipart } from '../../api/client';

/** One attachment (PDF, Office document or image) uploaded with a progress bar; the form field holds its id. */
export function FileUpload({ value, onChange, testId }: { value?: string; onChange?: (id: string | undefined) => void; testId: string }) {
  const { t } = useTranslation();
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
        <Button icon={<UploadOutlined />} loading={pct !== null} data-testid={testId}>{t('funding.apply.upload')}</Button>
      </Upload>
      {pct !== null && <Progress percent={pct} size="small" />}
      {value && name && <div data-testid={`${testId}-name`}>{name}</div>}
      {error && <div style={{ color: '#cf1322' }}>{error}</div>}
    </div>
  );
}
