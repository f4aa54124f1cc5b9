import { useEffect } from 'react';
import { Result, Spin } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnsubscribe } from '../../api/hooks/matching';

/** The link in a digest e-mail: unsubscribes without signing in. */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const run = useUnsubscribe();
  const { mutate } = run;
  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);
  return (
    <div className="cg-content" data-testid="unsubscribe-page">
      {run.isPending && <Spin tip={t('matching.unsubscribe.working')}><div style={{ height: 120 }} /></Spin>}
      {run.isSuccess && (
        <Result status="success" title={t('matching.unsubscribe.title')} subTitle={t('matching.unsubscribe.done', { description: run.data.description })}
          extra={<Link to="/console/subscriptions">{t('matching.unsubscribe.manage')}</Link>} />
      )}
      {(run.isError || !token) && <Result status="warning" title={t('matching.unsubscribe.title')} subTitle={t('matching.unsubscribe.failed')} />}
    </div>
  );
}
