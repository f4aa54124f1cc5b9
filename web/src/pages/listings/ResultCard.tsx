import { Card, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AchievementListItem, DemandListItem, SnippetView } from '@shared/contracts/catalog-public.js';
import { Highlighted } from '../../catalog/Highlighted';
import { useEnumLabel, useLocale } from '../../catalog/locale';
import { industryLabel, pillarLabel, regionLabel } from '../../catalog/taxonomy-options';
import { formatDate } from '../../components/format';
import { BudgetText, PriceText } from './Money';

function Snippet({ s }: { s: SnippetView }) {
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} className="cg-snippet">
      {s.truncatedStart && '…'}
      <Highlighted text={s.text} ranges={s.highlights} />
      {s.truncatedEnd && '…'}
    </Typography.Paragraph>
  );
}

export function AchievementCard({ item }: { item: AchievementListItem }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const locale = useLocale();
  return (
    <Card size="small" className="cg-result" data-testid={`result-${item.id}`}>
      <Flex justify="space-between" gap={8} wrap>
        <Link to={`/achievements/${item.id}`} className="cg-result-title" data-testid="result-title">
          <Highlighted text={item.title} ranges={item.titleHighlights} />
        </Link>
        <Typography.Text strong className="cg-price">
          <PriceText fen={item.priceFen} negotiable={item.priceNegotiable} />
        </Typography.Text>
      </Flex>
      <Snippet s={item.snippet} />
      <Flex gap={4} wrap>
        {item.trl !== null && <Tag color="blue">TRL {item.trl}</Tag>}
        {item.stage && <Tag>{label('achievementStage', item.stage)}</Tag>}
        {item.transferModes.map((m) => <Tag key={m} color="green">{label('transferMode', m)}</Tag>)}
        {item.ipTypes.map((m) => <Tag key={m} color="purple">{label('ipType', m)}</Tag>)}
        {item.pillarTags.map((p) => <Tag key={p} color="orange">{pillarLabel(p, locale)}</Tag>)}
      </Flex>
      <Typography.Text type="secondary" className="cg-result-meta">
        {item.organisationName} · {industryLabel(item.industrySection, item.industryDivision, locale)} · {regionLabel(item.regionCode, locale)} · {t('catalog.portal.publishedOn', { date: formatDate(item.publishedAt) })}
      </Typography.Text>
    </Card>
  );
}

export function DemandCard({ item }: { item: DemandListItem }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const locale = useLocale();
  return (
    <Card size="small" className="cg-result" data-testid={`result-${item.id}`}>
      <Flex justify="space-between" gap={8} wrap>
        <Link to={`/demands/${item.id}`} className="cg-result-title" data-testid="result-title">
          <Highlighted text={item.title} ranges={item.titleHighlights} />
        </Link>
        <Typography.Text strong className="cg-price">
          <BudgetText min={item.budgetMinFen} max={item.budgetMaxFen} negotiable={item.budgetNegotiable} />
        </Typography.Text>
      </Flex>
      <Snippet s={item.snippet} />
      <Flex gap={4} wrap>
        {item.cooperationModes.map((m) => <Tag key={m} color="green">{label('cooperationMode', m)}</Tag>)}
        {item.pillarTags.map((p) => <Tag key={p} color="orange">{pillarLabel(p, locale)}</Tag>)}
        {item.deadline && <Tag color="red">{t('catalog.portal.deadlineOn', { date: item.deadline })}</Tag>}
      </Flex>
      <Typography.Text type="secondary" className="cg-result-meta">
        {item.organisationName} · {industryLabel(item.industrySection, item.industryDivision, locale)} · {regionLabel(item.regionCode, locale)} · {t('catalog.portal.publishedOn', { date: formatDate(item.publishedAt) })}
      </Typography.Text>
    </Card>
  );
}

