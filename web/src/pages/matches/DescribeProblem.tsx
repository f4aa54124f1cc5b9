import { useEffect, useState } from 'react';
import { BellOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Radio, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { industrySections } from '@shared/taxonomies/industries.js';
import { useTextMatch } from '../../api/hooks/matching';
import { useSession } from '../../session/SessionContext';
import { MatchList } from './MatchList';

/** "描述您的问题": free text → explained achievements (or demands), in the portal. */
export function DescribeProblem() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [target, setTarget] = useState<'achievement' | 'demand'>('achievement');
  const [sections, setSections] = useState<string[]>([]);
  const run = useTextMatch();
  const [asked, setAsked] = useState<{ text: string; target: 'achievement' | 'demand' } | null>(null);
  const en = i18n.language === 'en';

  useEffect(() => {
    document.title = `${t('matching.describe.title')} · ${t('common.platformName')}`;
  }, [t]);

  const submit = () => {
    const body = { text: text.trim(), limit: 20, ...(sections.length ? { filters: { industrySections: sections } } : {}) };
    setAsked({ text: body.text, target });
    run.mutate({ target, body });
  };

  return (
    <div className="cg-content" data-testid="describe-problem">
      <Typography.Title level={2}>{t('matching.describe.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('matching.describe.intro')}</Typography.Paragraph>
      <Card>
        <Flex vertical gap={12}>
          <Input.TextArea rows={5} maxLength={4000} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder={t('matching.describe.placeholder')} data-testid="describe-text" />
          <Flex gap={12} wrap align="center">
            <span>{t('matching.describe.target')}</span>
            <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as typeof target)} optionType="button"
              options={[{ value: 'achievement', label: t('matching.describe.targets.achievement') }, { value: 'demand', label: t('matching.describe.targets.demand') }]} />
            <Select mode="multiple" allowClear style={{ minWidth: 240 }} placeholder={t('matching.describe.industry')} value={sections} onChange={setSections}
              options={industrySections().map((s) => ({ value: s.code, label: `${s.code} ${en ? s.nameEn : s.name}` }))} />
            <Button type="primary" icon={<SearchOutlined />} disabled={text.trim().length < 2} loading={run.isPending} onClick={submit} data-testid="describe-submit">
              {t('matching.describe.submit')}
            </Button>
            {user && asked && (
              <Button icon={<BellOutlined />} onClick={() => navigate(`/console/subscriptions?profile=${encodeURIComponent(asked.text)}&target=${asked.target}`)}>
                {t('matching.describe.subscribe')}
              </Button>
            )}
          </Flex>
        </Flex>
      </Card>
      {asked && (
        <MatchList direction={asked.target === 'achievement' ? 'text-achievements' : 'text-demands'} query={{ text: asked.text }}
          items={run.data?.items} loading={run.isPending} error={run.error} testId="describe-results" />
      )}
    </div>
  );
}
