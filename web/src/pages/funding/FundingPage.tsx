import { useState } from 'react';
import { Button, Space, Tabs } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CallView } from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { ErrorAlert } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useApplications, useCalls } from './api';
import { ApplyModal } from './ApplyModal';
import { CallModal } from './CallModal';
import { ApplicationsTable, CallsTable } from './tables';

/** Funding programmes: calls (all for the bureau, open ones to apply to), one's own applications, an expert's assignments. */
export function FundingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hasPermission } = useSession();
  const calls = useCalls();
  const bureau = hasPermission('review:funding_application');
  const applicant = hasPermission('create:funding_application');
  const expert = hasPermission('score:funding_application');
  const apps = useApplications();
  const [creating, setCreating] = useState(false);
  const [applying, setApplying] = useState<z.infer<typeof CallView> | null>(null);
  const tabs = [
    { key: 'calls', label: t('funding.tabs.calls'), children: <><ErrorAlert error={calls.error} /><CallsTable items={calls.data?.items ?? []} loading={calls.isFetching} bureau={bureau} onApply={applicant ? setApplying : undefined} /></> },
    ...(applicant ? [{ key: 'mine', label: t('funding.tabs.mine'), children: <><ErrorAlert error={apps.error} /><ApplicationsTable items={apps.data?.items ?? []} loading={apps.isFetching} testId="my-applications" /></> }] : []),
    ...(expert && !bureau ? [{ key: 'assigned', label: t('funding.tabs.assigned'), children: <><ErrorAlert error={apps.error} /><ApplicationsTable items={apps.data?.items ?? []} loading={apps.isFetching} expert testId="assigned-applications" /></> }] : []),
  ];
  return (
    <div data-testid="funding-page">
      <PageTitle
        title={t('funding.title')}
        extra={
          <Space>
            <Link to="/funding/awards">{t('funding.publicTitle')}</Link>
            {hasPermission('manage:funding_call') && <Button type="primary" onClick={() => setCreating(true)} data-testid="call-create">{t('funding.call.create')}</Button>}
          </Space>
        }
      />
      <Tabs items={tabs} defaultActiveKey={expert && !bureau ? 'assigned' : 'calls'} destroyOnHidden data-testid="funding-tabs" />
      {creating && <CallModal onClose={() => setCreating(false)} />}
      {applying && <ApplyModal call={applying} onClose={() => setApplying(null)} onDone={(id) => void navigate(`/console/funding/applications/${id}`)} />}
    </div>
  );
}
