import { Alert, Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@shared/contracts/organisations.js';
import { formatDateTime } from '../../components/format';

/** The organisation's verification as steps plus an alert carrying the reviewer's note. */
export function OrgStatus({ org }: { org: OrganisationView }) {
  const { t } = useTranslation();
  const s = org.verificationStatus;
  const alert =
    s === 'pending' ? (
      <Alert type="info" showIcon message={t('overview.pendingTitle')} description={t('overview.pendingBody')} />
    ) : s === 'verified' ? (
      <Alert type="success" showIcon message={t('overview.verifiedTitle')} description={t('overview.verifiedBody', { time: formatDateTime(org.verifiedAt) })} />
    ) : (
      <Alert
        type="error"
        showIcon
        message={t('overview.rejectedTitle')}
        description={
          <>
            {org.verificationNote && (
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <strong>{t('overview.reviewerNote')}</strong>
                <span data-testid="org-status-note">{org.verificationNote}</span>
              </Typography.Paragraph>
            )}
            {t('overview.rejectedBody')}
          </>
        }
      />
    );
  return (
    <Card title={`${t('overview.orgTitle')} · ${org.name}`}>
      <Steps
        responsive
        size="small"
        style={{ marginBottom: 16 }}
        current={s === 'pending' ? 1 : 2}
        status={s === 'rejected' ? 'error' : s === 'verified' ? 'finish' : 'process'}
        items={[
          { title: t('overview.steps.registered'), description: formatDateTime(org.createdAt) },
          { title: t('overview.steps.review') },
          { title: s === 'pending' ? t('overview.steps.result') : t(`verification.${s}`) },
        ]}
      />
      <div data-testid="org-status" data-status={s}>
        {alert}
      </div>
    </Card>
  );
}
