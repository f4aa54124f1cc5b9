import { Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export type PortalArea = 'achievements' | 'demands' | 'services' | 'policies' | 'statistics';

/** Honest placeholder: these capabilities are not built yet, so no sample data is shown. */
export function ComingSoon({ area }: { area: PortalArea }) {
  const { t } = useTranslation();
  return (
    <div className="cg-content" data-testid={`coming-soon-${area}`}>
      <Result
        status="info"
        title={
          <>
            {t(`comingSoon.${area}.title`)} <Tag color="orange">{t('comingSoon.badge')}</Tag>
          </>
        }
        subTitle={
          <>
            <p style={{ maxWidth: 640, margin: '0 auto 8px' }}>{t(`comingSoon.${area}.body`)}</p>
            <p>{t('comingSoon.note')}</p>
          </>
        }
      />
    </div>
  );
}
