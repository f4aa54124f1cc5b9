import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { ApiTokens } from './ApiTokens';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ProfileForm } from './ProfileForm';
import { TotpCard } from './TotpCard';

export function Profile() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  return (
    <>
      <PageTitle title={t('profile.title')} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <ProfileForm me={user} />
        <Card title={t('profile.security')}>
          <ChangePasswordForm username={user.username} />
        </Card>
        <TotpCard me={user} />
        <ApiTokens />
      </Space>
    </>
  );
}
