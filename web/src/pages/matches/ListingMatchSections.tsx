import { Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAchievementMatches, useDemandMatches, useSimilarAchievements } from '../../api/hooks/matching';
import { MatchList } from './MatchList';

/** "匹配的成果" on a demand's page: explained achievements, feedback, interest from a match. */
export function DemandMatchesSection({ id, ownerOrgId, title }: { id: string; ownerOrgId: string; title?: string }) {
  const { t } = useTranslation();
  const q = useDemandMatches(id, 10);
  return (
    <MatchList title={title ?? t('matching.headings.demandAchievements')} direction="demand-achievements" query={{ kind: 'demand', id, ownerOrgId }}
      items={q.data?.items} loading={q.isPending} error={q.error} testId="demand-matches" />
  );
}

/** On an achievement's page: similar achievements. */
export function SimilarAchievementsSection({ id, ownerOrgId }: { id: string; ownerOrgId: string }) {
  const { t } = useTranslation();
  const q = useSimilarAchievements(id, 6);
  return (
    <MatchList title={t('matching.headings.similar')} direction="achievement-similar" query={{ kind: 'achievement', id, ownerOrgId }}
      items={q.data?.items} loading={q.isPending} error={q.error} testId="similar-achievements" />
  );
}

/** For an achievement's owner: the demands it answers, or the enterprises behind them. */
export function AchievementMatchesSection({ id, ownerOrgId, title }: { id: string; ownerOrgId: string; title?: string }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<'demands' | 'enterprises'>('demands');
  const q = useAchievementMatches(id, target, 10);
  return (
    <div>
      <Segmented style={{ marginTop: 16 }} value={target} onChange={(v) => setTarget(v as typeof target)}
        options={[{ value: 'demands', label: t('matching.headings.achievementDemands') }, { value: 'enterprises', label: t('matching.headings.achievementEnterprises') }]} />
      <MatchList title={title ?? t(target === 'demands' ? 'matching.headings.achievementDemands' : 'matching.headings.achievementEnterprises')}
        direction={target === 'demands' ? 'achievement-demands' : 'achievement-enterprises'} query={{ kind: 'achievement', id, ownerOrgId }}
        items={q.data?.items} loading={q.isPending} error={q.error} testId="achievement-matches" />
    </div>
  );
}
