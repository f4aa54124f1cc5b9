import { Alert, Card, Collapse, Empty, Flex, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DirectoryMatchItem } from '@shared/contracts/matching.js';
import { ErrorAlert } from '../../components/feedback';
import { FactorBars } from './MatchList';

const pct = (v: number) => Math.round(v * 100);
const KIND_COLOR: Record<DirectoryMatchItem['kind'], string> = { institution: 'geekblue', broker: 'purple', expert: 'cyan' };

/** One explained directory suggestion: who, why (words, services, expertise), how well, and the way to their page. */
function DirectoryMatchCard({ item }: { item: DirectoryMatchItem }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const e = item.explanation;
  const d = item.details;
  return (
    <Card size="small" data-testid="directory-match-item" data-id={item.id} data-kind={item.kind}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ flex: 1, minWidth: 220 }}>
          <Space size={6} wrap>
            <Tag color={KIND_COLOR[item.kind]}>{t(`matching.directory.kinds.${item.kind}`)}</Tag>
            <Typography.Text strong>{item.link ? <Link to={item.link}>{item.title}</Link> : item.title}</Typography.Text>
            {item.kind !== 'institution' && item.organisation && <Typography.Text type="secondary">· {item.organisation.name}</Typography.Text>}
            {item.kind === 'expert' && d.professionalTitle && <Typography.Text type="secondary">· {d.professionalTitle}</Typography.Text>}
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{en ? e.summary.en : e.summary.zh}</Typography.Paragraph>
          <Space size={[4, 4]} wrap>
            {(d.types ?? []).map((ty) => (
              <Tag key={ty}>{t(`registries.types.${ty}` as 'registries.types.trading')}</Tag>
            ))}
            {d.recognitionLevel && d.recognitionLevel !== 'none' && <Tag color="red">{t(`registries.levels.${d.recognitionLevel}` as 'registries.levels.none')}</Tag>}
            {d.grade && <Tag>{t(`registries.grades.${d.grade}` as 'registries.grades.junior')}</Tag>}
            {e.matchedTerms.map((term) => (
              <Tag key={term} color="gold" className="cg-match-term">{term}</Tag>
            ))}
          </Space>
          {d.services && d.services.length > 0 && (
            <div style={{ marginTop: 6 }} data-testid="directory-match-services">
              <Typography.Text type="secondary">{t('matching.directory.services')}：</Typography.Text>
              {d.services.map((s) => s.name).join('、')}
            </div>
          )}
          {d.expertise && d.expertise.length > 0 && (
            <div style={{ marginTop: 6 }}>
              <Typography.Text type="secondary">{t('matching.directory.expertise')}：</Typography.Text>
              {d.expertise.join('、')}
            </div>
          )}
          {item.kind === 'expert' && (
            <div style={{ marginTop: 6 }}>
              <Typography.Text type="secondary">{t('matching.directory.field')}：</Typography.Text>
              {d.field}
              <Typography.Text type="secondary"> · {t('matching.directory.unit')}：</Typography.Text>
              {d.unit}
            </div>
          )}
        </div>
        <div style={{ width: 120, textAlign: 'center' }}>
          <Progress type="circle" size={64} percent={pct(item.relevance)} data-testid="match-relevance" />
          <div><Typography.Text type="secondary">{t('matching.relevance')}</Typography.Text></div>
        </div>
      </Flex>
      <Collapse ghost size="small" items={[{ key: 'f', label: t('matching.factors'), children: <FactorBars item={item} /> }]} />
      {item.link && <Link to={item.link} data-testid="directory-match-open">{t('matching.directory.open')} →</Link>}
    </Card>
  );
}

/** Service institutions or experts and brokers for a free text, each explained. */
export function DirectoryMatchList({ items, loading, error, note, testId }: {
  items: DirectoryMatchItem[] | undefined;
  loading?: boolean;
  error?: unknown;
  /** A line above the list (e.g. who sees the review experts). */
  note?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Card data-testid={testId} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('matching.directory.explainHint')}</Typography.Paragraph>
      {note && <Alert type="info" showIcon message={note} style={{ marginBottom: 12 }} />}
      <ErrorAlert error={error} />
      {loading && <Skeleton active />}
      {!loading && items && items.length === 0 && <Empty description={t('matching.noMatches')} />}
      <Flex vertical gap={12}>
        {(items ?? []).map((item) => (
          <DirectoryMatchCard key={`${item.kind}:${item.id}`} item={item} />
        ))}
      </Flex>
    </Card>
  );
}
