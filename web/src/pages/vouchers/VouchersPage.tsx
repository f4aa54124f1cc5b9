import { useState } from 'react';
import { Button, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProgrammeView } from '@shared/contracts/vouchers.js';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { usePrograms } from './api';
import { ApplyModal } from './ApplyModal';
import { RedeemModal } from './RedeemModal';
import { ApplicationsTable, ProgrammesTable, RedemptionsTable, VouchersTable } from './tables';

/** Innovation vouchers for enterprises (apply, hold, claim) and providers (redeem). */
export function VouchersPage() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const programmes = usePrograms();
  const [applying, setApplying] = useState<ProgrammeView | null>(null);
  const [redeeming, setRedeeming] = useState(false);
  const enterprise = hasPermission('create:voucher_application');
  const tabs = [
    { key: 'programmes', label: t('vouchers.tabs.programmes'), children: <><ErrorAlert error={programmes.error} /><ProgrammesTable items={programmes.data?.items ?? []} onApply={setApplying} /></> },
    ...(enterprise ? [{ key: 'applications', label: t('vouchers.tabs.applications'), children: <ApplicationsTable /> }] : []),
    ...(hasPermission('read:voucher') ? [{ key: 'vouchers', label: t('vouchers.tabs.vouchers'), children: <VouchersTable /> }] : []),
    ...(hasPermission('read:voucher_redemption') ? [{ key: 'redemptions', label: t('vouchers.tabs.redemptions'), children: <RedemptionsTable /> }] : []),
  ];
  return (
    <div data-testid="vouchers-page">
      <PageTitle title={t('vouchers.title')} extra={hasPermission('create:voucher_redemption') && <Button type="primary" onClick={() => setRedeeming(true)} data-testid="redeem-open">{t('vouchers.redeem.button')}</Button>} />
      <Tabs items={tabs} destroyOnHidden data-testid="vouchers-tabs" />
      {applying && <ApplyModal programme={applying} onClose={() => setApplying(null)} />}
      {redeeming && <RedeemModal onClose={() => setRedeeming(false)} />}
    </div>
  );
}
