import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_ACTIONS, allows } from '../../api/actions';
import { useOrganisation } from '../../api/hooks/organisations';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { FullPageSpin } from '../../session/guards';
import { useSession } from '../../session/SessionContext';
import { Invitations } from './Invitations';
import { Members } from './Members';
import { OrgDetails } from './OrgDetails';

export function MyOrganisation() {
  const { t } = useTranslation();
  const { user } = useSession();
  const orgId = user?.organisation?.id;
  const org = useOrganisation(orgId);
  if (!orgId) return <Typography.Text type="secondary">{t('org.noOrg')}</Typography.Text>;
  if (org.isPending) return <FullPageSpin />;
  if (org.isError) return <ErrorAlert error={org.error} />;
  return (
    <>
      <PageTitle title={t('org.title')} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <OrgDetails org={org.data} />
        {allows(org.data, ORG_ACTIONS.readMembers) && <Members orgId={orgId} />}
        {allows(org.data, ORG_ACTIONS.invite) && <Invitations orgId={orgId} />}
      </Space>
    </>
  );
}
