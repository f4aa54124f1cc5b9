import { CheckCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { Card, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { QUALITY_KEYS, type ListingQuality } from '@shared/catalog/quality.js';

/** The live listing-quality score and the decisive facts still missing, in words. */
export function QualityPanel({ kind, quality }: { kind: ListingKind; quality: ListingQuality }) {
  const { t } = useTranslation();
  const color = quality.score >= 80 ? '#52c41a' : quality.score >= 50 ? '#faad14' : '#ff4d4f';
  const keys: readonly string[] = QUALITY_KEYS[kind];
  return (
    <Card size="small" title={t('catalog.quality.title')} data-testid="quality-panel">
      <div style={{ textAlign: 'center' }}>
        <Progress type="dashboard" percent={quality.score} strokeColor={color} size={120} format={(p) => <span data-testid="quality-score">{p}</span>} />
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('catalog.quality.explain')}</Typography.Paragraph>
      <ul className="cg-plain-list" data-testid="quality-missing">
        {keys.map((k) => {
          const missing = quality.missing.includes(k);
          return (
            <li key={k} data-missing={missing}>
              {missing ? <ExclamationCircleTwoTone twoToneColor="#faad14" /> : <CheckCircleTwoTone twoToneColor="#52c41a" />}{' '}
              <span style={{ color: missing ? undefined : '#888' }}>{t(`catalog.quality.missing.${k}` as 'catalog.quality.missing.advantage')}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
