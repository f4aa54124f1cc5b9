import { Alert, Button, List, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EntryView, RegistryKind } from '@shared/contracts/registries.js';
import { useSession } from '../../../session/SessionContext';
import { CasesTab, CertificatesTab, RecognitionsTab, TrainingsTab } from './BrokerRecords';
import { type RecordsContext, useRun } from './common';
import { PerformanceTab, ServicesTab, StaffTab } from './InstitutionRecords';
import { MembersTab, ProjectsTab, TenantsTab } from './SpaceAllianceRecords';

/**
 * The kind-specific records of an entry as tabs: read-only on the public page
 * (the server sends only the public parts), with add / change / delete in the
 * console for the owner and the bureau administrator (the running records
 * take effect at once; they are audited, not reviewed).
 */
export function RecordTabs({ kind, view, inConsole }: { kind: RegistryKind; view: EntryView; inConsole: boolean }) {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const run = useRun(kind, view.id);
  // `history` is sent only to those who may read the entry in the console (owner, bureau); the edit right decides the rest.
  const canEdit = inConsole && view.history.length > 0 && hasPermission(`edit:${kind}`);
  const ctx: RecordsContext = { kind, view, canEdit, run };
  const d = view.details as Record<string, unknown[] | undefined>;
  const n = (k: string) => (d[k]?.length ? ` (${d[k]!.length})` : '');
  const tabs =
    kind === 'institution'
      ? [
          { key: 'services', label: `${t('registries.details.services')}${n('services')}`, children: <ServicesTab ctx={ctx} /> },
          { key: 'staff', label: `${t('registries.details.staff')}${n('staff')}`, children: <StaffTab ctx={ctx} /> },
          { key: 'performance', label: t('registries.details.performance'), children: <PerformanceTab ctx={ctx} /> },
        ]
      : kind === 'broker'
        ? [
            { key: 'certificates', label: `${t('registries.details.certificates')}${n('certificates')}`, children: <CertificatesTab ctx={ctx} /> },
            { key: 'trainings', label: `${t('registries.details.trainings')}${n('trainings')}`, children: <TrainingsTab ctx={ctx} /> },
            { key: 'recognitions', label: `${t('registries.details.recognitions')}${n('recognitions')}`, children: <RecognitionsTab ctx={ctx} /> },
            { key: 'cases', label: t('registries.details.cases'), children: <CasesTab ctx={ctx} /> },
          ]
        : kind === 'space'
          ? [{ key: 'tenants', label: `${t('registries.details.tenants')}${n('tenants')}`, children: <TenantsTab ctx={ctx} /> }]
          : kind === 'alliance'
            ? [
                { key: 'members', label: `${t('registries.details.members')}${n('members')}`, children: <MembersTab ctx={ctx} /> },
                { key: 'projects', label: `${t('registries.details.projects')}${n('projects')}`, children: <ProjectsTab ctx={ctx} /> },
              ]
            : kind === 'platform' && (d.facilities?.length ?? 0) > 0
              ? [{ key: 'facilities', label: `${t('registries.details.facilities')}${n('facilities')}`, children: <FacilitiesTab view={view} /> }]
              : [];
  if (tabs.length === 0) return null;
  const scoring = inConsole && kind === 'institution' && hasPermission('score:institution');
  return (
    <div style={{ marginTop: 16 }} data-testid="record-tabs">
      {canEdit && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('registries.records.editHint')} />}
      <Tabs items={tabs} tabBarExtraContent={scoring ? <Link to="/console/institution-scoring"><Button size="small" data-testid="scoring-link">{t('registries.records.scoringLink')}</Button></Link> : undefined} />
    </div>
  );
}

/** An open platform's host facilities in the shared-facilities directory (read-only; booked there). */
function FacilitiesTab({ view }: { view: EntryView }) {
  const { t } = useTranslation();
  const items = (view.details.facilities ?? []) as { id: string; name: string; kind: string }[];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('registries.details.facilitiesHint')}</Typography.Paragraph>
      <List size="small" dataSource={items} renderItem={(f) => (
        <List.Item><Link to={`/facilities/${f.id}`} data-testid="platform-facility">{f.name}</Link></List.Item>
      )} />
    </>
  );
}
