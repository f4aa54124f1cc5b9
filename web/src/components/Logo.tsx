import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The platform's name is the brand in either language. */
const BRAND = '成果';

export function Logo({ to = '/' }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="cg-logo" data-testid="logo">
      {BRAND} <small>Chengguo · {t('common.platformName')}</small>
    </Link>
  );
}
