import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { DatePicker } from '../../../components/DistrictDatePicker';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addCertificate, addRecognition, addTraining, removeCertificate, removeRecognition, removeTraining, TALENT_LEVELS } from '@shared/contracts/registries.js';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { useSession } from '../../../session/SessionContext';
import { dateOut, DeleteButton, RecordModal, RecordTable, type RecordsContext, type Row, show, textOut } from './common';
import { districtYear } from '../../../components/district-time';

/** Certificates the broker holds (number and file shown to the owner and the bureau only). */
export function CertificatesTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const rows = (ctx.view.details.certificates ?? []) as Row[];
  const [adding, setAdding] = useState(false);
  const id = ctx.view.id;
  return (
    <>
      {ctx.canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="certificate-add">{t('registries.records.certificate.add')}</Button>
        </Flex>
      )}
      <RecordTable testId="certificates" rows={rows} columns={[
        { key: 'name', title: t('registries.records.certificate.name'), render: (_, r) => String(r.name) },
        ...(ctx.canEdit ? [{ key: 'number', title: t('registries.records.certificate.number'), render: (_: unknown, r: Row) => show(r.number) }] : []),
        { key: 'issuer', title: t('registries.records.certificate.issuer'), render: (_, r) => show(r.issuer) },
        { key: 'issuedOn', title: t('registries.records.certificate.issuedOn'), render: (_, r) => show(r.issuedOn) },
        { key: 'validUntil', title: t('registries.records.certificate.validUntil'), render: (_, r) => show(r.validUntil) },
        ...(ctx.canEdit ? [{ key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
          <DeleteButton name={String(r.name)} testId="certificate-delete" onConfirm={() => ctx.run(() => api(removeCertificate, { params: { id, subId: String(r.id) } }))} />
        ) }] : []),
      ]} />
      <RecordModal open={adding} testId="certificate-form" title={t('registries.records.certificate.add')} onClose={() => setAdding(false)}
        submit={(v) => ctx.run(() => api(addCertificate, { params: { id }, body: { name: String(v.name ?? ''), number: textOut(v.number), issuer: textOut(v.issuer), issuedOn: dateOut(v.issuedOn), validUntil: dateOut(v.validUntil), fileId: null } }))}>
        <Form.Item name="name" label={t('registries.records.certificate.name')} rules={[{ required: true }]}><Input maxLength={120} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="number" label={t('registries.records.certificate.number')}><Input maxLength={80} /></Form.Item>
          <Form.Item name="issuer" label={t('registries.records.certificate.issuer')}><Input maxLength={120} /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="issuedOn" label={t('registries.records.certificate.issuedOn')}><DatePicker /></Form.Item>
          <Form.Item name="validUntil" label={t('registries.records.certificate.validUntil')}><DatePicker /></Form.Item>
        </Flex>
      </RecordModal>
    </>
  );
}

/** Training records with the hours per year (brokers must keep up their continuing education). */
export function TrainingsTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const rows = useMemo(() => (ctx.view.details.trainings ?? []) as Row[], [ctx.view.details.trainings]);
  const [adding, setAdding] = useState(false);
  const id = ctx.view.id;
  const perYear = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const y = String(r.takenOn).slice(0, 4);
      m.set(y, (m.get(y) ?? 0) + Number(r.hours));
    }
    return [...m.entries()].sort((a, b) => b[0].localeCompare(a[0]));
  }, [rows]);
  const total = perYear.reduce((a, [, h]) => a + h, 0);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space size={4} wrap data-testid="training-hours">
          <Tag color="blue">{t('registries.records.training.total', { hours: total })}</Tag>
          {perYear.map(([y, h]) => <Tag key={y}>{t('registries.records.training.perYear', { year: y, hours: h })}</Tag>)}
        </Space>
        {ctx.canEdit && <Button type="primary" onClick={() => setAdding(true)} data-testid="training-add">{t('registries.records.training.add')}</Button>}
      </Flex>
      <RecordTable testId="trainings" rows={rows} columns={[
        { key: 'course', title: t('registries.records.training.course'), render: (_, r) => String(r.course) },
        { key: 'hours', title: t('registries.records.training.hours'), align: 'right', render: (_, r) => String(r.hours) },
        { key: 'takenOn', title: t('registries.records.training.takenOn'), render: (_, r) => show(r.takenOn) },
        { key: 'issuer', title: t('registries.records.training.issuer'), render: (_, r) => show(r.issuer) },
        ...(ctx.canEdit ? [{ key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
          <DeleteButton name={String(r.course)} testId="training-delete" onConfirm={() => ctx.run(() => api(removeTraining, { params: { id, subId: String(r.id) } }))} />
        ) }] : []),
      ]} />
      <RecordModal open={adding} testId="training-form" title={t('registries.records.training.add')} onClose={() => setAdding(false)}
        submit={(v) => ctx.run(() => api(addTraining, { params: { id }, body: { course: String(v.course ?? ''), hours: Number(v.hours), takenOn: dateOut(v.takenOn) ?? '', issuer: textOut(v.issuer), fileId: null } }))}>
        <Form.Item name="course" label={t('registries.records.training.course')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="hours" label={t('registries.records.training.hours')} rules={[{ required: true }]}><InputNumber min={0.5} max={10000} step={0.5} /></Form.Item>
          <Form.Item name="takenOn" label={t('registries.records.training.takenOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Flex>
        <Form.Item name="issuer" label={t('registries.records.training.issuer')}><Input maxLength={120} /></Form.Item>
      </RecordModal>
    </>
  );
}

/** Recognitions as provincial or municipal transfer talent: public; recorded (and removed when in error) by the bureau. */
export function RecognitionsTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const bureau = hasPermission('recognise:broker') && ctx.view.history.length > 0;
  const rows = (ctx.view.details.recognitions ?? []) as Row[];
  const [adding, setAdding] = useState(false);
  const id = ctx.view.id;
  const label = (r: Row) => `${String(r.year)} ${t(`registries.talent.${String(r.level)}` as 'registries.talent.municipal')}`;
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} gap={8} wrap>
        <Typography.Text type="secondary">{t('registries.records.recognition.bureauOnly')}</Typography.Text>
        {bureau && <Button type="primary" onClick={() => setAdding(true)} data-testid="recognition-add">{t('registries.records.recognition.add')}</Button>}
      </Flex>
      <RecordTable testId="recognitions" rows={rows} columns={[
        { key: 'level', title: t('registries.records.recognition.level'), render: (_, r) => <Tag color="gold">{t(`registries.talent.${String(r.level)}` as 'registries.talent.municipal')}</Tag> },
        { key: 'year', title: t('registries.records.recognition.year'), render: (_, r) => String(r.year) },
        { key: 'doc', title: t('registries.records.recognition.documentNo'), render: (_, r) => show(r.documentNo) },
        ...(bureau ? [{ key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
          <DeleteButton name={label(r)} testId="recognition-delete" onConfirm={() => ctx.run(() => api(removeRecognition, { params: { id, subId: String(r.id) } }))} />
        ) }] : []),
      ]} />
      <RecordModal open={adding} testId="recognition-form" title={t('registries.records.recognition.add')} onClose={() => setAdding(false)} initialValues={{ year: districtYear() }}
        submit={(v) => ctx.run(() => api(addRecognition, { params: { id }, body: { level: v.level as (typeof TALENT_LEVELS)[number], year: Number(v.year), documentNo: textOut(v.documentNo), fileId: null } }))}>
        <Form.Item name="level" label={t('registries.records.recognition.level')} rules={[{ required: true }]}>
          <Select options={TALENT_LEVELS.map((l) => ({ value: l, label: t(`registries.talent.${l}`) }))} />
        </Form.Item>
        <Form.Item name="year" label={t('registries.records.recognition.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="documentNo" label={t('registries.records.recognition.documentNo')}><Input maxLength={120} /></Form.Item>
      </RecordModal>
    </>
  );
}

/** The matchmaking cases the broker handled, with their outcomes (details to the broker and the bureau; counts to everyone). */
export function CasesTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const outcomes = (ctx.view.details.caseOutcomes ?? {}) as Record<string, number>;
  const rows = (ctx.view.details.cases ?? []) as Row[];
  const inside = ctx.view.history.length > 0;
  const status = (s: unknown) => t(`cases.status.${String(s)}` as 'cases.status.closed');
  return (
    <>
      <Space size={4} wrap style={{ marginBottom: 8 }} data-testid="case-outcomes">
        {Object.keys(outcomes).length === 0 && <Typography.Text type="secondary">{t('registries.records.cases.none')}</Typography.Text>}
        {Object.entries(outcomes).map(([s, n]) => <Tag key={s} color={s === 'agreement' ? 'green' : s === 'closed' ? 'default' : 'blue'}>{`${status(s)} ${n}`}</Tag>)}
      </Space>
      {inside ? (
        <RecordTable testId="cases" rows={rows} columns={[
          { key: 'title', title: t('registries.records.cases.title'), render: (_, r) => <Link to={`/console/cases/${String(r.id)}`}>{show(r.title)}</Link> },
          { key: 'status', title: t('registries.records.cases.status'), render: (_, r) => <Tag color={r.status === 'agreement' ? 'green' : undefined}>{status(r.status)}</Tag> },
          { key: 'reason', title: t('registries.records.cases.reason'), render: (_, r) => (r.closedReason ? t(`cases.closeReasons.${String(r.closedReason)}` as 'cases.closeReasons.other') : '—') },
          { key: 'created', title: t('registries.records.cases.started'), render: (_, r) => formatDateTime(r.createdAt as string) },
          { key: 'updated', title: t('registries.records.cases.updated'), render: (_, r) => formatDateTime(r.updatedAt as string) },
        ]} />
      ) : (
        <Alert type="info" showIcon message={t('registries.records.cases.publicNote')} />
      )}
    </>
  );
}
