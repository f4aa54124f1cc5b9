import { Breadcrumb, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext';
import { AchievementMatchesSection, DemandMatchesSection } from './ListingMatchSections';

/**
 * The owner's console view of a listing's matches (drafts included: the
 * server matches a listing its organisation may read from its latest content).
 */
export function OwnListingMatches({ kind }: { kind: 'achievement' | 'demand' }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const orgId = user?.organisation?.id ?? '';
  const back = kind === 'demand' ? '/console/demands' : '/console/achievements';
  return (
    <div data-testid={`own-${kind}-matches`}>
      <Breadcrumb items={[{ title: <Link to={back}>{t(kind === 'demand' ? 'console.menu.myDemands' : 'console.menu.myAchievements')}</Link> }, { title: t(kind === 'demand' ? 'matching.headings.demandAchievements' : 'matching.headings.achievementDemands') }]} />
      <Typography.Title level={3}>{t(kind === 'demand' ? 'matching.headings.demandAchievements' : 'matching.headings.achievementDemands')}</Typography.Title>
      {id && kind === 'demand' && <DemandMatchesSection id={id} ownerOrgId={orgId} />}
      {id && kind === 'achievement' && <AchievementMatchesSection id={id} ownerOrgId={orgId} />}
    </div>
  );
}
