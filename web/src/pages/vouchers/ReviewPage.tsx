import { useState } from 'react';
import { Button, Popconfirm, Table, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useBlacklist, usePrograms, useVoucherMutations } from './api';
import { ProgrammeModal } from './ProgrammeModal';
import { ApplicationsTable, ProgrammesTable, RedemptionsTable, VouchersTable } from './tables';

/** The bureau's voucher desk: applications and redemptions to decide, vouchers, programmes and the blacklist. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const programmes = usePrograms();
  const blacklist = useBlacklist(hasPermission('read:voucher_blacklist'));
  const m = useVoucherMutations();
  const fail = useErrorToast();
  const [creating, setCreating] = useState(false);
  const manage = hasPermission('manage:voucher_programme');
  return (
    <div data-testid="voucher-review-page">
      <PageTitle title={t('vouchers.review')} extra={manage && <Button type="primary" onClick={() => setCreating(true)} data-testid="programme-create">{t('vouchers.programme.create')}</Button>} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'applications', label: t('vouchers.tabs.submittedApplications'), children: <ApplicationsTable status="submitted" /> },
          { key: 'redemptions', label: t('vouchers.tabs.redemptions'), children: <RedemptionsTable /> },
          { key: 'vouchers', label: t('vouchers.title'), children: <VouchersTable /> },
          { key: 'programmes', label: t('vouchers.tabs.manage'), children: <><ErrorAlert error={programmes.error} /><ProgrammesTable items={programmes.data?.items ?? []} manage /></> },
          {
            key: 'blacklist',
            label: t('vouchers.tabs.blacklist'),
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={blacklist.data?.items ?? []}
                columns={[
                  { title: t('vouchers.blacklist.organisation'), key: 'o', render: (_, r) => r.organisation.name },
                  { title: t('vouchers.blacklist.reason'), dataIndex: 'reason' },
                  { title: t('vouchers.blacklist.since'), dataIndex: 'createdAt', render: formatDateTime },
                  { title: '', key: 'a', render: (_, r) => hasPermission('manage:voucher_blacklist') && <Popconfirm title={t('vouchers.blacklist.lift')} onConfirm={() => m.lift.mutateAsync(r.id).catch(fail)}><Button size="small">{t('vouchers.blacklist.lift')}</Button></Popconfirm> },
                ]}
              />
            ),
          },
        ]}
      />
      {creating && <ProgrammeModal onClose={() => setCreating(false)} />}
    </div>
  );
}
