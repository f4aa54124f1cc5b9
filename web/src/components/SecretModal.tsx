import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a secret exactly once (one-time password, API token); it is gone when closed. */
export function SecretModal({
  open,
  title,
  hint,
  secret,
  onClose,
}: {
  open: boolean;
  title: string;
  hint: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      onOk={onClose}
      onCancel={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon message={hint} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} code style={{ fontSize: 16, wordBreak: 'break-all' }} data-testid="secret-value">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
