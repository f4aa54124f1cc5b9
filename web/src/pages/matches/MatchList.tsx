import { useEffect, useState } from 'react';
import { DislikeOutlined, HeartOutlined, LikeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Empty, Flex, Input, Modal, Progress, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MatchDirection, MatchItem } from '@shared/contracts/matching.js';
import { useCaseMutations } from '../../api/hooks/matchmaking';
import { noteShown, useFeedback } from '../../api/hooks/matching';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { useSession } from '../../session/SessionContext';

/** What the suggestions answer: a listing (with its owner) or a text. */
export type MatchQuery = { kind: 'achievement' | 'demand'; id: string; ownerOrgId?: string } | { text: string };

const pct = (v: number) => Math.round(v * 100);
const hrefOf = (item: MatchItem) => (item.kind === 'achievement' ? `/achievements/${item.id}` : item.kind === 'demand' ? `/demands/${item.id}` : null);

/** The factor bars: each factor's share of the score, largest first. */
export function FactorBars({ item }: { item: Pick<MatchItem, 'explanation'> }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <div data-testid="match-factors">
      {item.explanation.factors.map((f) => (
        <Flex key={f.key} align="center" gap={8}>
          <span style={{ width: 140, flex: 'none' }}>{en ? f.en : f.zh}</span>
          <Progress percent={pct(f.share)} size="small" style={{ flex: 1, margin: 0 }} />
        </Flex>
      ))}
    </div>
  );
}

function InterestFromMatch({ item, query }: { item: MatchItem; query: MatchQuery }) {
  const { t } = useTranslation();
  const { user, hasPermission } = useSession();
  const navigate = useNavigate();
  const fail = useErrorToast();
  const { create } = useCaseMutations();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  if (item.kind === 'organisation' || !user?.organisation || !hasPermission('create:case')) return null;
  if (user.organisation.verificationStatus !== 'verified' || item.organisation?.id === user.organisation.id) return null;
  // When the suggestions are for the caller's own listing, the case names both listings.
  const own = 'id' in query && query.ownerOrgId === user.organisation.id ? { [query.kind === 'achievement' ? 'achievementId' : 'demandId']: query.id } : {};
  const ids = { ...own, [item.kind === 'achievement' ? 'achievementId' : 'demandId']: item.id };
  const send = async () => {
    try {
      const c = await create.mutateAsync({ origin: 'match', message: message.trim(), ...ids });
      setOpen(false);
      navigate(`/console/cases/${c.id}`);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <>
      <Button size="small" type="primary" icon={<HeartOutlined />} data-testid="match-interest"
        onClick={() => { setMessage(t('cases.interest.defaultMessage', { title: item.title })); setOpen(true); }}>
        {t('matching.interest')}
      </Button>
      <Modal open={open} title={t('cases.interest.title')} onCancel={() => setOpen(false)} onOk={() => void send()} confirmLoading={create.isPending}
        okText={t('cases.interest.send')} okButtonProps={{ disabled: message.trim().length === 0, 'data-testid': 'interest-send' } as never} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('cases.interest.hint')}</Typography.Paragraph>
        <Input.TextArea rows={5} maxLength={4000} showCount value={message} onChange={(e) => setMessage(e.target.value)} data-testid="interest-message" />
      </Modal>
    </>
  );
}

function Judge({ item, rank, direction, query }: { item: MatchItem; rank: number; direction: MatchDirection; query: MatchQuery }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const feedback = useFeedback();
  const fail = useErrorToast();
  const [given, setGiven] = useState<boolean | null>(null);
  if (!user) return null;
  const send = async (useful: boolean) => {
    try {
      await feedback.mutateAsync({
        direction,
        ...('id' in query ? { queryId: query.id } : { queryText: query.text.slice(0, 4000) }),
        resultId: item.id,
        rank,
        score: Math.min(100, item.score),
        useful,
      });
      setGiven(useful);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Space size={4}>
      <Tooltip title={t('matching.useful')}>
        <Button size="small" type={given === true ? 'primary' : 'default'} icon={<LikeOutlined />} aria-label={t('matching.useful')} data-testid="match-useful" onClick={() => void send(true)} />
      </Tooltip>
      <Tooltip title={t('matching.notUseful')}>
        <Button size="small" type={given === false ? 'primary' : 'default'} danger={given === false} icon={<DislikeOutlined />} aria-label={t('matching.notUseful')} data-testid="match-not-useful" onClick={() => void send(false)} />
      </Tooltip>
      {given !== null && <Typography.Text type="secondary" data-testid="match-thanks">{t('matching.thanks')}</Typography.Text>}
    </Space>
  );
}

/** One explained suggestion: relevance, the words and facets that matched, the factor bars, feedback and interest. */
export function MatchCard({ item, rank, direction, query }: { item: MatchItem; rank: number; direction: MatchDirection; query: MatchQuery }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const href = hrefOf(item);
  const e = item.explanation;
  return (
    <Card size="small" data-testid="match-item" data-id={item.id}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ flex: 1, minWidth: 220 }}>
          <Typography.Text strong>{href ? <Link to={href}>{item.title}</Link> : item.title}</Typography.Text>
          {item.kind !== 'organisation' && item.organisation && <Typography.Text type="secondary"> · {item.organisation.name}</Typography.Text>}
          {item.kind === 'organisation' && item.matchedRecords && <Typography.Text type="secondary"> · {t('matching.organisationMatches', { count: item.matchedRecords })}</Typography.Text>}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{en ? e.summary.en : e.summary.zh}</Typography.Paragraph>
          <Space size={[4, 4]} wrap>
            {e.matchedTerms.map((term) => (
              <Tag key={term} color="gold" className="cg-match-term">{term}</Tag>
            ))}
            {e.matchedFacets.map((f) => (
              <Tag key={f.key} color={f.fit === 'full' ? 'green' : 'blue'}>{en ? f.en : f.zh}</Tag>
            ))}
          </Space>
        </div>
        <div style={{ width: 120, textAlign: 'center' }}>
          <Progress type="circle" size={64} percent={pct(item.relevance)} data-testid="match-relevance" />
          <div><Typography.Text type="secondary">{t('matching.relevance')}</Typography.Text></div>
        </div>
      </Flex>
      <Collapse ghost size="small" items={[{ key: 'f', label: t('matching.factors'), children: <FactorBars item={item} /> }]} />
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Judge item={item} rank={rank} direction={direction} query={query} />
        <InterestFromMatch item={item} query={query} />
      </Flex>
    </Card>
  );
}

/** A list of explained suggestions; records that it was shown (impressions, batched). */
export function MatchList({ title, direction, query, items, loading, error, testId }: {
  title?: string;
  direction: MatchDirection;
  query: MatchQuery;
  items: MatchItem[] | undefined;
  loading?: boolean;
  error?: unknown;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const ids = (items ?? []).map((i) => i.id).join(',');
  useEffect(() => {
    if (!ids) return;
    noteShown({ direction, queryId: 'id' in query ? query.id : undefined, resultIds: ids.split(',') });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids, direction]);
  return (
    <Card title={title} data-testid={testId ?? 'match-list'} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('matching.explainHint')}</Typography.Paragraph>
      {!user && <Alert type="info" showIcon message={t('matching.loginToJudge')} style={{ marginBottom: 12 }} />}
      <ErrorAlert error={error} />
      {loading && <Skeleton active />}
      {!loading && items && items.length === 0 && <Empty description={t('matching.noMatches')} />}
      <Flex vertical gap={12}>
        {(items ?? []).map((item, i) => (
          <MatchCard key={item.id} item={item} rank={i + 1} direction={direction} query={query} />
        ))}
      </Flex>
    </Card>
  );
}
