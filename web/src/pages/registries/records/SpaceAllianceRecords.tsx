import { useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { DatePicker } from '../../../components/DistrictDatePicker';
import { useTranslation } from 'react-i18next';
import { addMember, addProject, addTenant, MEMBER_ROLES, PROJECT_STATUSES, removeMember, removeProject, removeTenant, TENANT_KINDS, TENANT_OUTCOMES, updateProject, updateTenant } from '@shared/contracts/registries.js';
import { api } from '../../../api/client';
import { yuan } from '../kinds';
import { OrgPicker } from './pickers';
import { dateIn, dateOut, DeleteButton, fenIn, fenOut, NameFilling, RecordModal, RecordTable, type RecordsContext, type Row, show, textOut, type Values } from './common';

const OUTCOME_COLOR: Record<string, string> = { incubating: 'blue', graduated: 'green', left: 'default' };
const PROJECT_COLOR: Record<string, string> = { planned: 'default', ongoing: 'blue', completed: 'green', suspended: 'orange' };
const splitList = (v: unknown) => String(v ?? '').split(/[、，,；;\n]/).map((x) => x.trim()).filter(Boolean);

/** A maker space's incubated enterprises and teams with entry and graduation dates. */
export function TenantsTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const d = ctx.view.details as { tenants?: Row[]; incubating?: number; graduated?: number };
  const rows = d.tenants ?? [];
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const id = ctx.view.id;
  const body = (v: Values) => ({
    kind: v.kind as (typeof TENANT_KINDS)[number],
    name: String(v.name ?? ''),
    organisationId: (v.organisationId as string | null) ?? null,
    field: textOut(v.field),
    enteredOn: dateOut(v.enteredOn) ?? '',
    graduatedOn: dateOut(v.graduatedOn),
    outcome: v.outcome as (typeof TENANT_OUTCOMES)[number],
    note: textOut(v.note),
  });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Tag color="blue" data-testid="tenant-summary">{t('registries.records.tenant.summary', { incubating: d.incubating ?? 0, graduated: d.graduated ?? 0 })}</Tag>
        {ctx.canEdit && <Button type="primary" onClick={() => setEditing('new')} data-testid="tenant-add">{t('registries.records.tenant.add')}</Button>}
      </Flex>
      <RecordTable testId="tenants" rows={rows} columns={[
        { key: 'name', title: t('registries.records.tenant.name'), render: (_, r) => String(r.name) },
        { key: 'kind', title: t('registries.records.tenant.kind'), render: (_, r) => t(`registries.records.tenant.kinds.${String(r.kind)}` as 'registries.records.tenant.kinds.team') },
        { key: 'field', title: t('registries.records.tenant.field'), render: (_, r) => show(r.field) },
        { key: 'entered', title: t('registries.records.tenant.enteredOn'), render: (_, r) => show(r.enteredOn) },
        { key: 'graduated', title: t('registries.records.tenant.graduatedOn'), render: (_, r) => show(r.graduatedOn) },
        { key: 'outcome', title: t('registries.records.tenant.outcome'), render: (_, r) => <Tag color={OUTCOME_COLOR[String(r.outcome)]}>{t(`registries.records.tenant.outcomes.${String(r.outcome)}` as 'registries.records.tenant.outcomes.left')}</Tag> },
        ...(ctx.canEdit ? [
          { key: 'note', title: t('registries.records.tenant.note'), render: (_: unknown, r: Row) => show(r.note) },
          { key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
            <Space size={0}>
              <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="tenant-edit">{t('registries.records.edit')}</Button>
              <DeleteButton name={String(r.name)} testId="tenant-delete" onConfirm={() => ctx.run(() => api(removeTenant, { params: { id, subId: String(r.id) } }))} />
            </Space>
          ) },
        ] : []),
      ]} />
      <RecordModal open={editing !== null} testId="tenant-form" title={t(editing === 'new' ? 'registries.records.tenant.add' : 'registries.records.edit')} onClose={() => setEditing(null)}
        initialValues={editing && editing !== 'new' ? { ...editing, enteredOn: dateIn(editing.enteredOn), graduatedOn: dateIn(editing.graduatedOn) } : { kind: 'enterprise', outcome: 'incubating' }}
        submit={(v) => ctx.run(() => (editing && editing !== 'new'
          ? api(updateTenant, { params: { id, subId: String(editing.id) }, body: body(v) })
          : api(addTenant, { params: { id }, body: body(v) })))}>
        <Form.Item name="kind" label={t('registries.records.tenant.kind')}>
          <Select options={TENANT_KINDS.map((k) => ({ value: k, label: t(`registries.records.tenant.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="organisationId" label={t('registries.records.tenant.organisation')} extra={t('registries.records.tenant.orgHint')}>
          <NameFilling field="name" render={(onPick) => <OrgPicker type="enterprise" onPick={onPick} testId="tenant-org" initial={editing && editing !== 'new' && editing.organisationId ? { id: String(editing.organisationId), name: String(editing.name) } : null} />} />
        </Form.Item>
        <Form.Item name="name" label={t('registries.records.tenant.name')} rules={[{ required: true }]}><Input maxLength={120} data-testid="tenant-name" /></Form.Item>
        <Form.Item name="field" label={t('registries.records.tenant.field')}><Input maxLength={80} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="enteredOn" label={t('registries.records.tenant.enteredOn')} rules={[{ required: true }]}><DatePicker data-testid="tenant-entered" /></Form.Item>
          <Form.Item name="graduatedOn" label={t('registries.records.tenant.graduatedOn')}><DatePicker /></Form.Item>
          <Form.Item name="outcome" label={t('registries.records.tenant.outcome')}>
            <Select style={{ width: 120 }} options={TENANT_OUTCOMES.map((k) => ({ value: k, label: t(`registries.records.tenant.outcomes.${k}`) }))} />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={t('registries.records.tenant.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </RecordModal>
    </>
  );
}

/** An alliance's member units (platform organisations picked by search, or named). */
export function MembersTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const rows = (ctx.view.details.members ?? []) as Row[];
  const [adding, setAdding] = useState(false);
  const id = ctx.view.id;
  return (
    <>
      {ctx.canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="member-add">{t('registries.records.member.add')}</Button>
        </Flex>
      )}
      <RecordTable testId="members" rows={rows} columns={[
        { key: 'name', title: t('registries.records.member.name'), render: (_, r) => String(r.name) },
        { key: 'role', title: t('registries.records.member.role'), render: (_, r) => <Tag color={r.role === 'lead' ? 'gold' : r.role === 'vice' ? 'blue' : undefined}>{t(`registries.records.member.roles.${String(r.role)}` as 'registries.records.member.roles.member')}</Tag> },
        { key: 'joined', title: t('registries.records.member.joinedOn'), render: (_, r) => show(r.joinedOn) },
        { key: 'left', title: t('registries.records.member.leftOn'), render: (_, r) => show(r.leftOn) },
        ...(ctx.canEdit ? [{ key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
          <DeleteButton name={String(r.name)} testId="member-delete" onConfirm={() => ctx.run(() => api(removeMember, { params: { id, subId: String(r.id) } }))} />
        ) }] : []),
      ]} />
      <RecordModal open={adding} testId="member-form" title={t('registries.records.member.add')} onClose={() => setAdding(false)} initialValues={{ role: 'member' }}
        submit={(v) => ctx.run(() => api(addMember, { params: { id }, body: {
          organisationId: (v.organisationId as string | null) ?? null, name: String(v.name ?? ''), role: v.role as (typeof MEMBER_ROLES)[number], joinedOn: dateOut(v.joinedOn), leftOn: dateOut(v.leftOn),
        } }))}>
        <Form.Item name="organisationId" label={t('registries.records.member.organisation')} extra={t('registries.records.member.orgHint')}>
          <NameFilling field="name" render={(onPick) => <OrgPicker onPick={onPick} testId="member-org" />} />
        </Form.Item>
        <Form.Item name="name" label={t('registries.records.member.name')} rules={[{ required: true }]}><Input maxLength={120} data-testid="member-name" /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="role" label={t('registries.records.member.role')}>
            <Select style={{ width: 160 }} options={MEMBER_ROLES.map((k) => ({ value: k, label: t(`registries.records.member.roles.${k}`) }))} />
          </Form.Item>
          <Form.Item name="joinedOn" label={t('registries.records.member.joinedOn')}><DatePicker /></Form.Item>
          <Form.Item name="leftOn" label={t('registries.records.member.leftOn')}><DatePicker /></Form.Item>
        </Flex>
      </RecordModal>
    </>
  );
}

/** An alliance's joint projects and their status. */
export function ProjectsTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const rows = (ctx.view.details.projects ?? []) as Row[];
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const id = ctx.view.id;
  const counts = PROJECT_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  const body = (v: Values) => ({
    title: String(v.title ?? ''),
    status: v.status as (typeof PROJECT_STATUSES)[number],
    startedOn: dateOut(v.startedOn),
    endedOn: dateOut(v.endedOn),
    budgetFen: fenOut(v.budgetFen),
    participants: splitList(v.participants),
    summary: String(v.summary ?? ''),
  });
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space size={4} wrap>{counts.map(([s, n]) => <Tag key={s} color={PROJECT_COLOR[s]}>{`${t(`registries.records.project.statuses.${s}`)} ${n}`}</Tag>)}</Space>
        {ctx.canEdit && <Button type="primary" onClick={() => setEditing('new')} data-testid="project-add">{t('registries.records.project.add')}</Button>}
      </Flex>
      <RecordTable testId="projects" rows={rows} columns={[
        { key: 'title', title: t('registries.records.project.title'), render: (_, r) => String(r.title) },
        { key: 'status', title: t('registries.records.project.status'), render: (_, r) => <Tag color={PROJECT_COLOR[String(r.status)]}>{t(`registries.records.project.statuses.${String(r.status)}` as 'registries.records.project.statuses.planned')}</Tag> },
        { key: 'period', title: `${t('registries.records.project.startedOn')} ~ ${t('registries.records.project.endedOn')}`, render: (_, r) => `${show(r.startedOn)} ~ ${r.endedOn ? String(r.endedOn) : ''}` },
        { key: 'budget', title: t('registries.records.project.budget'), align: 'right', render: (_, r) => (r.budgetFen === null || r.budgetFen === undefined ? '—' : `¥${yuan(r.budgetFen as number)}`) },
        { key: 'participants', title: t('registries.records.project.participants'), render: (_, r) => ((r.participants as string[] | undefined) ?? []).join('、') || '—' },
        ...(ctx.canEdit ? [{ key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
          <Space size={0}>
            <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="project-edit">{t('registries.records.edit')}</Button>
            <DeleteButton name={String(r.title)} testId="project-delete" onConfirm={() => ctx.run(() => api(removeProject, { params: { id, subId: String(r.id) } }))} />
          </Space>
        ) }] : []),
      ]} />
      <RecordModal open={editing !== null} testId="project-form" title={t(editing === 'new' ? 'registries.records.project.add' : 'registries.records.edit')} onClose={() => setEditing(null)}
        initialValues={editing && editing !== 'new'
          ? { ...editing, startedOn: dateIn(editing.startedOn), endedOn: dateIn(editing.endedOn), budgetFen: fenIn(editing.budgetFen), participants: ((editing.participants as string[] | undefined) ?? []).join('、') }
          : { status: 'planned' }}
        submit={(v) => ctx.run(() => (editing && editing !== 'new'
          ? api(updateProject, { params: { id, subId: String(editing.id) }, body: body(v) })
          : api(addProject, { params: { id }, body: body(v) })))}>
        <Form.Item name="title" label={t('registries.records.project.title')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="status" label={t('registries.records.project.status')}>
            <Select style={{ width: 140 }} options={PROJECT_STATUSES.map((k) => ({ value: k, label: t(`registries.records.project.statuses.${k}`) }))} />
          </Form.Item>
          <Form.Item name="startedOn" label={t('registries.records.project.startedOn')}><DatePicker /></Form.Item>
          <Form.Item name="endedOn" label={t('registries.records.project.endedOn')}><DatePicker /></Form.Item>
        </Flex>
        <Form.Item name="budgetFen" label={t('registries.records.project.budget')}><InputNumber min={0} precision={2} prefix="¥" style={{ width: 240 }} /></Form.Item>
        <Form.Item name="participants" label={t('registries.records.project.participants')} extra={t('registries.console.listHint')}><Input /></Form.Item>
        <Form.Item name="summary" label={t('registries.records.project.summary')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
      </RecordModal>
    </>
  );
}
