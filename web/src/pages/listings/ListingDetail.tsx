import { useEffect } from 'react';
import { LockOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Card, Descriptions, Empty, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PublicAchievement, PublicDemand } from '@shared/contracts/catalog-public.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { ApiError } from '../../api/client';
import { usePublicAchievement, usePublicDemand } from '../../api/hooks/catalog-public';
import { useContentRows } from '../../catalog/content-rows';
import { ErrorAlert } from '../../components/feedback';
import { formatDate } from '../../components/format';
import { useSession } from '../../session/SessionContext';
import { InterestButton } from './InterestButton';
import { DemandMatchesSection, SimilarAchievementsSection } from '../matches/ListingMatchSections';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toString()} MB`;
}

/** The readable public page of one published achievement or demand. */
export function ListingDetail({ kind }: { kind: ListingKind }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const a = usePublicAchievement(kind === 'achievement' ? id : undefined);
  const d = usePublicDemand(kind === 'demand' ? id : undefined);
  const q = kind === 'achievement' ? a : d;
  const data = q.data as PublicAchievement | PublicDemand | undefined;
  const rowsOf = useContentRows();
  const listPath = kind === 'achievement' ? '/achievements' : '/demands';
  const listName = t(kind === 'achievement' ? 'nav.achievements' : 'nav.demands');

  useEffect(() => {
    if (data) document.title = `${data.content.title} · ${listName} · ${t('common.platformName')}`;
  }, [data, listName, t]);

  if (q.error instanceof ApiError && q.error.status === 404) {
    return (
      <div className="cg-content">
        <Result status="404" title={t('catalog.portal.notFound')} extra={<Link to={listPath}>{t('catalog.portal.backToList')}</Link>} />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="cg-content">
        <ErrorAlert error={q.error} />
        {q.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      </div>
    );
  }

  const rows = rowsOf(kind, data.content).filter((r) => r.key !== 'title' && r.key !== 'attachments' && r.key !== 'contact');
  const facts = rows.filter((r) => !r.long);
  const sections = rows.filter((r) => r.long);

  return (
    <div className="cg-content cg-detail" data-testid={`detail-${kind}`}>
      <Breadcrumb items={[{ title: <Link to={listPath}>{listName}</Link> }, { title: data.content.title }]} style={{ marginBottom: 12 }} />
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="detail-title">{data.content.title}</Typography.Title>
      <Typography.Text type="secondary">
        {data.organisation.name} · {t('catalog.portal.publishedOn', { date: formatDate(data.publishedAt) })} · {t('catalog.portal.updatedOn', { date: formatDate(data.updatedAt) })}
      </Typography.Text>
      <Flex gap={16} vertical style={{ marginTop: 16 }}>
        <div data-testid="interest-area">
          <InterestButton kind={kind} listingId={data.id} ownerOrgId={data.organisation.id} title={data.content.title} />
        </div>
        <Card title={t('catalog.portal.keyFacts')} size="small">
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} items={facts.map((r) => ({ key: r.key, label: r.label, children: r.value }))} />
        </Card>
        {sections.map((r) => (
          <Card key={r.key} title={r.label} size="small" data-testid={`detail-${r.key}`}>
            {r.value}
          </Card>
        ))}
        <Card title={t('catalog.fields.attachments')} size="small">
          {data.attachments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.portal.noAttachments')} />
          ) : (
            <ul className="cg-plain-list">
              {data.attachments.map((f) => (
                <li key={f.fileId}>
                  <a href={`/api/v1/files/${f.fileId}`} target="_blank" rel="noopener noreferrer" data-testid={`attachment-${f.fileId}`}>
                    <PaperClipOutlined /> {f.caption || f.filename}
                  </a>{' '}
                  <Typography.Text type="secondary">({f.contentType === 'application/pdf' ? 'PDF' : f.contentType.replace('image/', '').toUpperCase()}, {sizeText(f.sizeBytes)})</Typography.Text>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('catalog.fields.contact')} size="small" data-testid="detail-contact">
          {data.contact ? (
            <Descriptions size="small" column={1} items={[
              { key: 'name', label: t('catalog.fields.contactName'), children: data.contact.name },
              ...(data.contact.phone ? [{ key: 'phone', label: t('catalog.fields.contactPhone'), children: <a href={`tel:${data.contact.phone}`}>{data.contact.phone}</a> }] : []),
              ...(data.contact.email ? [{ key: 'email', label: t('catalog.fields.contactEmail'), children: <a href={`mailto:${data.contact.email}`}>{data.contact.email}</a> }] : []),
            ]} />
          ) : (
            <Alert
              type="info"
              showIcon
              icon={<LockOutlined />}
              message={t('catalog.portal.contactHidden')}
              action={!user ? <Space><Link to={`/login?next=${encodeURIComponent(`${listPath}/${data.id}`)}`}>{t('nav.login')}</Link></Space> : undefined}
            />
          )}
        </Card>
      </Flex>
      {kind === 'demand' ? <DemandMatchesSection id={data.id} ownerOrgId={data.organisation.id} /> : <SimilarAchievementsSection id={data.id} ownerOrgId={data.organisation.id} />}
    </div>
  );
}
