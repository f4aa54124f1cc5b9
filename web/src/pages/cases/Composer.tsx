import { useState } from 'react';
import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Tag, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { FILE_RULES, uploadFile } from '@shared/contracts/files.js';
import { uploadMultipart } from '../../api/client';
import { useCaseMutations } from '../../api/hooks/matchmaking';
import { useErrorToast } from '../../components/feedback';

const RULE = FILE_RULES.attachment;

/** Write to the other side: text, a file (uploaded as an attachment of the poster's organisation), or both. */
export function Composer({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const m = useCaseMutations();
  const fail = useErrorToast();
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ id: string; filename: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    try {
      await m.move.mutateAsync({ move: 'message', id: caseId, body: { text: text.trim() || undefined, fileId: file?.id } });
      setText('');
      setFile(null);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div data-testid="case-composer">
      <Input.TextArea rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('cases.composer.placeholder')} data-testid="composer-text" />
      <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
        <Upload
          accept={RULE.types.join(',')}
          showUploadList={false}
          beforeUpload={(f) => {
            setError(null);
            if (!(RULE.types as readonly string[]).includes(f.type)) { setError(t('catalog.editor.fileType', { name: f.name })); return Upload.LIST_IGNORE; }
            if (f.size > RULE.maxBytes) { setError(t('catalog.editor.fileSize', { name: f.name, max: RULE.maxBytes / 1024 / 1024 })); return Upload.LIST_IGNORE; }
            return true;
          }}
          customRequest={({ file: f, onSuccess, onError }) => {
            setUploading(true);
            uploadMultipart(uploadFile, { purpose: 'attachment' }, f as File)
              .then((v) => { setFile({ id: v.id, filename: v.filename }); onSuccess?.(v); })
              .catch((e: unknown) => { setError(e instanceof Error ? e.message : String(e)); onError?.(e instanceof Error ? e : new Error(String(e))); })
              .finally(() => setUploading(false));
          }}
        >
          <Button icon={<PaperClipOutlined />} loading={uploading} data-testid="composer-attach">{t('cases.composer.attach')}</Button>
        </Upload>
        {file && <Tag closable onClose={() => setFile(null)}>{file.filename}</Tag>}
        <span className="cg-spacer" />
        <Button type="primary" icon={<SendOutlined />} disabled={!text.trim() && !file} loading={m.move.isPending} onClick={() => void send()} data-testid="composer-send">{t('cases.composer.send')}</Button>
      </Flex>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} closable onClose={() => setError(null)} />}
    </div>
  );
}
