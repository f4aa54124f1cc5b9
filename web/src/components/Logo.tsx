import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function Logo({ to = '/' }: { to?: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="cg-logo" data-testid="logo">
      成果 <small>Chengguo · {t('common.platformName')}</small>
    </Link>
  );
}
