import { useEffect, useState } from 'react';
import { BellOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as m from '@shared/contracts/matching.js';
import { INSTITUTION_TYPES } from '@shared/contracts/registries.js';
import { industrySections } from '@shared/taxonomies/industries.js';
import { api } from '../../api/client';
import { useSession } from '../../session/SessionContext';
import { DirectoryMatchList } from './DirectoryMatchList';
import { MatchList } from './MatchList';

type Tab = 'achievement' | 'demand' | 'institution' | 'people';
type Asked = { text: string; sections: string[]; n: number };

/**
 * "描述您的问题": one free text, matched at once against achievements,
 * demands, service institutions and experts/brokers (0022), each tab with its
 * explained suggestions.
 */
export function DescribeProblem() {
  const { t, i18n } = useTranslation();
  const { user, hasPermission } = useSession();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [tab, setTab] = useState<Tab>('achievement');
  const [sections, setSections] = useState<string[]>([]);
  const [types, setTypes] = useState<string[]>([]);
  const [asked, setAsked] = useState<Asked | null>(null);
  const en = i18n.language === 'en';

  useEffect(() => {
    document.title = `${t('matching.describe.title')} · ${t('common.platformName')}`;
  }, [t]);

  const listingBody = asked ? { text: asked.text, limit: 20, ...(asked.sections.length ? { filters: { industrySections: asked.sections } } : {}) } : null;
  const achievements = useQuery({ queryKey: ['matching', 'text', 'achievement', listingBody, asked?.n], queryFn: () => api(m.matchAchievements, { body: listingBody! }), enabled: !!listingBody });
  const demands = useQuery({ queryKey: ['matching', 'text', 'demand', listingBody, asked?.n], queryFn: () => api(m.matchDemands, { body: listingBody! }), enabled: !!listingBody });
  const institutions = useQuery({
    queryKey: ['matching', 'text', 'institutions', asked?.text, types, asked?.n],
    queryFn: () => api(m.matchInstitutions, { body: { text: asked!.text, limit: 20, ...(types.length ? { filters: { institutionTypes: types as m.InstitutionFilters['institutionTypes'] } } : {}) } }),
    enabled: !!asked,
  });
  const people = useQuery({ queryKey: ['matching', 'text', 'people', asked?.text, asked?.n], queryFn: () => api(m.matchExperts, { body: { text: asked!.text, limit: 20 } }), enabled: !!asked });

  const submit = () => setAsked({ text: text.trim(), sections, n: (asked?.n ?? 0) + 1 });
  const count = (items: unknown[] | undefined) => (items ? ` (${items.length})` : '');
  const seesExperts = hasPermission('read:funding_expert');
  const listingTab = tab === 'achievement' || tab === 'demand';

  return (
    <div className="cg-content" data-testid="describe-problem">
      <Typography.Title level={2}>{t('matching.describe.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('matching.describe.intro')}</Typography.Paragraph>
      <Card>
        <Flex vertical gap={12}>
          <Input.TextArea rows={5} maxLength={4000} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder={t('matching.describe.placeholder')} data-testid="describe-text" />
          <Flex gap={12} wrap align="center">
            <Select mode="multiple" allowClear style={{ minWidth: 240 }} placeholder={t('matching.describe.industry')} value={sections} onChange={setSections}
              options={industrySections().map((s) => ({ value: s.code, label: `${s.code} ${en ? s.nameEn : s.name}` }))} />
            <Button type="primary" icon={<SearchOutlined />} disabled={text.trim().length < 2} loading={!!asked && (achievements.isFetching || demands.isFetching)} onClick={submit} data-testid="describe-submit">
              {t('matching.describe.submit')}
            </Button>
            {user && asked && listingTab && (
              <Button icon={<BellOutlined />} onClick={() => navigate(`/console/subscriptions?profile=${encodeURIComponent(asked.text)}&target=${tab}`)}>
                {t('matching.describe.subscribe')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
      {asked && (
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Tab)}
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'achievement',
              label: <span data-testid="describe-tab-achievement">{t('matching.describe.tabs.achievement')}{count(achievements.data?.items)}</span>,
              children: <MatchList direction="text-achievements" query={{ text: asked.text }} items={achievements.data?.items} loading={achievements.isFetching} error={achievements.error} testId="describe-results" />,
            },
            {
              key: 'demand',
              label: <span data-testid="describe-tab-demand">{t('matching.describe.tabs.demand')}{count(demands.data?.items)}</span>,
              children: <MatchList direction="text-demands" query={{ text: asked.text }} items={demands.data?.items} loading={demands.isFetching} error={demands.error} testId="describe-results-demands" />,
            },
            {
              key: 'institution',
              label: <span data-testid="describe-tab-institution">{t('matching.describe.tabs.institution')}{count(institutions.data?.items)}</span>,
              children: (
                <>
                  <Select mode="multiple" allowClear style={{ minWidth: 280, marginTop: 8 }} placeholder={t('matching.describe.institutionTypes')} value={types} onChange={setTypes}
                    data-testid="describe-institution-types"
                    options={INSTITUTION_TYPES.map((ty) => ({ value: ty, label: t(`registries.types.${ty}` as 'registries.types.trading') }))} />
                  <DirectoryMatchList items={institutions.data?.items} loading={institutions.isFetching} error={institutions.error} testId="describe-results-institutions" />
                </>
              ),
            },
            {
              key: 'people',
              label: <span data-testid="describe-tab-people">{t('matching.describe.tabs.people')}{count(people.data?.items)}</span>,
              children: (
                <DirectoryMatchList items={people.data?.items} loading={people.isFetching} error={people.error} testId="describe-results-people"
                  note={seesExperts ? undefined : t('matching.directory.expertsBureauOnly')} />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
