import { useState } from 'react';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Skeleton, Table, Tag, Timeline } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as f from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { districtNow, fromPicker, toPicker } from '../../components/district-time';
import { AttachmentUpload } from '../../components/AttachmentUpload';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useApplication, useCall, useConflicts, useFundingMutations } from './api';
import { ApplicationStatusTag, KindTag, timelineNote, toFen, yuan } from './format';

type App = z.infer<typeof f.ApplicationView>;
type Call = z.infer<typeof f.CallView>;

/** One application: checks, documents, timeline; formal review, expert assignment, scoring, disbursement and acceptance for those who may. */
export function ApplicationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const q = useApplication(id);
  const call = useCall(q.data?.callId);
  const a = q.data;
  if (!a) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const bureau = hasPermission('review:funding_application');
  const c = call.data;
  return (
    <div data-testid="funding-application-page">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/console/funding">{t('funding.title')}</Link> }, { title: <Link to={`/console/funding/calls/${a.callId}`}>{a.callTitle}</Link> }, { title: t('funding.application.one') }]} />
      <PageTitle title={<>{a.title} <KindTag kind={a.callKind} /> <ApplicationStatusTag status={a.status} /></>} />
      <Flex vertical gap={16}>
        {a.withdrawnNote && <Alert type="error" showIcon message={t('funding.application.withdrawn')} description={a.withdrawnNote} data-testid="withdrawn-note" />}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'o', label: t('funding.application.applicant'), children: a.organisation.name },
            { key: 'r', label: t('funding.apply.requested'), children: yuan(a.requestedFen) },
            { key: 'c', label: t('funding.application.collaborators'), children: [...a.collaboratorOrgs.map((o) => o.name), ...a.collaboratorNames].join('、') || '—' },
            { key: 's', label: t('funding.application.score'), children: a.score === null ? '—' : `${a.score}${a.rank ? `（${t('funding.application.rank')} ${a.rank}）` : ''}` },
            { key: 'w', label: t('funding.application.award'), children: <span data-testid="award-amount">{yuan(a.awardFen)}</span> },
            { key: 'd', label: t('funding.application.disbursed'), children: <span data-testid="disbursed-amount">{yuan(a.disbursedFen)}</span> },
            ...(a.formalNote ? [{ key: 'f', label: t('funding.application.formalNote'), span: 2, children: a.formalNote }] : []),
            ...(a.acceptanceNote ? [{ key: 'x', label: t('funding.accept.note'), span: 2, children: a.acceptanceNote }] : []),
            { key: 'y', label: t('funding.apply.summary'), span: 2, children: a.summary },
          ]} />
        </Card>
        <Flex gap={16} wrap align="start">
          <Card size="small" title={t('funding.application.checks')} style={{ flex: 1, minWidth: 280 }}>
            <List size="small" dataSource={a.checks} data-testid="funding-checks" renderItem={(k) => (
              <List.Item data-testid={`check-${k.code}`}><span>{k.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#cf1322" />}<span style={{ marginLeft: 8 }}>{k.message}</span></span></List.Item>
            )} />
          </Card>
          <Card size="small" title={t('funding.application.documents')} style={{ flex: 1, minWidth: 280 }}>
            <List size="small" dataSource={a.documents} locale={{ emptyText: t('funding.empty') }} renderItem={(d) => (
              <List.Item><a onClick={() => void download(f.downloadDocument, undefined, d.name, { id: a.id, fileId: d.fileId })} data-testid="document-link">{d.name}</a></List.Item>
            )} />
          </Card>
          {a.timeline.length > 0 && (
            <Card size="small" title={t('funding.application.timeline')} style={{ flex: 1, minWidth: 280 }}>
              <Timeline data-testid="funding-timeline" items={a.timeline.map((e) => ({ color: e.event.includes('reject') || e.event === 'ineligible' || e.event === 'award_withdrawn' || e.event === 'not_awarded' || e.event === 'acceptance_returned' ? 'red' : 'green', children: <><div>{e.note ? t('funding.application.eventNote', { event: t(`funding.events.${e.event as 'submitted'}`), note: timelineNote(e.event, e.note, t) }) : t(`funding.events.${e.event as 'submitted'}`)}</div><small>{formatDateTime(e.at)}</small></> }))} />
            </Card>
          )}
        </Flex>
        {bureau && a.status === 'submitted' && <FormalCard a={a} />}
        {bureau && a.status === 'in_review' && c && !c.reviewClosedAt && <AssignCard a={a} call={c} />}
        {(bureau || a.reviews.length > 0 || a.myReview) && <ReviewsCard a={a} canExtend={bureau && a.status === 'in_review'} />}
        {a.myReview && c && <ScoreCard a={a} call={c} />}
        {(a.status === 'awarded' || a.status === 'accepted' || a.disbursements.length > 0) && <DisburseCard a={a} canRecord={hasPermission('award:funding_application') && a.status === 'awarded'} />}
        {(a.status === 'awarded' || a.status === 'accepted') && <AcceptanceCard a={a} canApply={!bureau && hasPermission('create:funding_application')} canDecide={hasPermission('award:funding_application')} />}
      </Flex>
    </div>
  );
}

function FormalCard({ a }: { a: App }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string }>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const decide = async (decision: 'pass' | 'reject') => {
    const note = form.getFieldValue('note') as string | undefined;
    if (decision === 'reject' && !note?.trim()) {
      form.setFields([{ name: 'note', errors: [t('funding.application.noteRequired')] }]);
      return;
    }
    try {
      await m.formal.mutateAsync({ id: a.id, body: decision === 'pass' ? { decision, note: note || undefined } : { decision, note: note! } });
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Card size="small" title={t('funding.application.formal')}>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('funding.application.note')}><Input.TextArea rows={2} maxLength={2000} data-testid="formal-note" /></Form.Item>
        <Flex gap={8}>
          <Button type="primary" onClick={() => void decide('pass')} loading={m.formal.isPending} data-testid="formal-pass">{t('funding.application.pass')}</Button>
          <Button danger onClick={() => void decide('reject')} loading={m.formal.isPending} data-testid="formal-reject">{t('funding.application.reject')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** Every expert with the conflict of interest that excludes them (shown, not selectable), a deadline, Assign. */
function AssignCard({ a, call }: { a: App; call: Call }) {
  const { t } = useTranslation();
  const conflicts = useConflicts(a.id);
  const m = useFundingMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [selected, setSelected] = useState<string[]>([]);
  const [deadline, setDeadline] = useState<Dayjs | null>(toPicker(call.reviewDeadline));
  type Item = z.infer<typeof f.ConflictView>['items'][number];
  const assign = () =>
    m.assign
      .mutateAsync({ id: a.id, body: { expertIds: selected, deadline: deadline ? fromPicker(deadline) : undefined } })
      .then((r) => {
        ok(t('funding.assign.result', { n: r.assigned.length }));
        setSelected([]);
      })
      .catch(fail);
  return (
    <Card size="small" title={t('funding.assign.title')}>
      <ErrorAlert error={conflicts.error} />
      <Table<Item>
        rowKey="expertId"
        size="small"
        scroll={{ x: true }}
        pagination={false}
        loading={conflicts.isFetching}
        dataSource={conflicts.data?.items ?? []}
        data-testid="conflict-table"
        rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (r) => ({ disabled: !!r.conflict || r.assigned, 'data-testid': `pick-${r.name}` } as never) }}
        columns={[
          { title: t('funding.expertsPage.name'), dataIndex: 'name' },
          { title: t('funding.expertsPage.field'), dataIndex: 'field' },
          { title: t('funding.expertsPage.title'), dataIndex: 'title' },
          { title: t('funding.expertsPage.unit'), dataIndex: 'unit' },
          { title: t('funding.assign.conflict'), key: 'c', render: (_, r) => (r.conflict ? <Tag color="red" data-testid={`conflict-${r.name}`}>{t('funding.assign.excluded')}：{r.conflict}</Tag> : r.assigned ? <Tag color="green">{t('funding.assign.assigned')}</Tag> : null) },
        ]}
      />
      <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
        <span>{t('funding.assign.deadline')}</span>
        <DatePicker showTime value={deadline} onChange={setDeadline} data-testid="assign-deadline" />
        <Button type="primary" disabled={selected.length === 0} loading={m.assign.isPending} onClick={() => void assign()} data-testid="assign-submit">{t('funding.assign.submit')}</Button>
      </Flex>
    </Card>
  );
}

function ReviewsCard({ a, canExtend }: { a: App; canExtend: boolean }) {
  const { t } = useTranslation();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const [extending, setExtending] = useState<string | null>(null);
  const [until, setUntil] = useState<Dayjs | null>(null);
  type Review = App['reviews'][number];
  if (a.reviews.length === 0 && !canExtend && a.myReview) return <Alert type="info" showIcon message={t('funding.application.hiddenUntilClosed')} />;
  return (
    <Card size="small" title={t('funding.application.reviews')}>
      <Table<Review>
        rowKey={(r, i) => r.assignmentId ?? String(i)}
        size="small"
        scroll={{ x: true }}
        pagination={false}
        dataSource={a.reviews}
        data-testid="reviews-table"
        columns={[
          { title: t('funding.application.expert'), dataIndex: 'expert', render: (v: string | null, _r, i) => v ?? `#${i + 1}` },
          { title: t('funding.application.total'), dataIndex: 'total', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('funding.application.comment'), dataIndex: 'comment' },
          { title: t('funding.application.deadline'), key: 'd', render: (_, r) => (r.deadline ? <>{formatDateTime(r.deadline)} {r.overdue && <Tag color="red" data-testid="review-overdue">{t('funding.application.overdue')}</Tag>}</> : null) },
          { title: '', key: 's', render: (_, r) => (r.submitted ? <Tag color="green">{t('funding.application.submitted')}</Tag> : <Tag>{t('funding.application.pending')}</Tag>) },
          ...(canExtend ? [{ title: '', key: 'x', render: (_: unknown, r: Review) => (!r.submitted && r.assignmentId ? <Button size="small" onClick={() => { setExtending(r.assignmentId); setUntil(toPicker(r.deadline!).add(3, 'day')); }}>{t('funding.application.extend')}</Button> : null) }] : []),
        ]}
      />
      {extending && (
        <Modal open title={t('funding.application.extendTitle')} onCancel={() => setExtending(null)} confirmLoading={m.extend.isPending} onOk={() => m.extend.mutateAsync({ id: extending, deadline: fromPicker(until!) }).then(() => setExtending(null)).catch(fail)}>
          <DatePicker showTime value={until} onChange={setUntil} style={{ width: '100%' }} />
        </Modal>
      )}
    </Card>
  );
}

/** The expert's own scoring form (the call's items), comment and deadline. */
function ScoreCard({ a, call }: { a: App; call: Call }) {
  const { t } = useTranslation();
  const mine = a.myReview!;
  const [form] = Form.useForm<{ scores: Record<string, number>; comment: string }>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const open = a.status === 'in_review' && !mine.overdue;
  const total = Form.useWatch('scores', form);
  const sum = Object.values(total ?? {}).reduce((s: number, v) => s + (Number(v) || 0), 0);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.score.mutateAsync({ id: a.id, body: v });
      ok(t('funding.score.saved'));
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Card size="small" title={t('funding.score.title')} extra={<span data-testid="my-deadline">{t('funding.score.myDeadline', { at: formatDateTime(mine.deadline) })}</span>}>
      {mine.overdue && a.status === 'in_review' && <Alert type="error" showIcon message={t('funding.score.late')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={!open} initialValues={{ scores: mine.scores ?? {}, comment: mine.comment ?? '' }}>
        <Flex gap={12} wrap>
          {call.scoreForm.map((i) => (
            <Form.Item key={i.key} name={['scores', i.key]} label={`${i.label}（0–${i.max}）`} rules={[{ required: true, message: t('catalog.editor.required') }]}>
              <InputNumber min={0} max={i.max} precision={1} data-testid={`score-${i.key}`} />
            </Form.Item>
          ))}
          <Form.Item label={t('funding.application.total')}><b data-testid="score-total">{sum}</b></Form.Item>
        </Flex>
        <Form.Item name="comment" label={t('funding.application.comment')} rules={[{ required: true, message: t('catalog.editor.required') }]}><Input.TextArea rows={3} maxLength={4000} data-testid="score-comment" /></Form.Item>
        <Button type="primary" onClick={() => void submit()} loading={m.score.isPending} data-testid="score-submit">{t('funding.score.submit')}</Button>
        {mine.submittedAt && <Tag color="green" style={{ marginLeft: 8 }}>{t('funding.application.submitted')} {formatDateTime(mine.submittedAt)}</Tag>}
      </Form>
    </Card>
  );
}

function DisburseCard({ a, canRecord }: { a: App; canRecord: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ amount: number; paidOn: Dayjs; reference: string }>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const left = (a.awardFen ?? 0) - a.disbursedFen;
  const oneOff = a.callKind !== 'pre_guidance';
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.disburse.mutateAsync({ id: a.id, body: { amountFen: toFen(v.amount), paidOn: v.paidOn.format('YYYY-MM-DD'), reference: v.reference } });
      form.resetFields();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Card size="small" title={t('funding.disburse.title')} extra={<span data-testid="left-to-pay">{t('funding.disburse.remaining', { v: yuan(left) })}</span>}>
      <Table
        rowKey="instalment"
        size="small"
        pagination={false}
        dataSource={a.disbursements}
        locale={{ emptyText: t('funding.empty') }}
        data-testid="disbursements-table"
        columns={[
          { title: t('funding.disburse.instalment'), dataIndex: 'instalment' },
          { title: t('funding.disburse.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('funding.disburse.paidOn'), dataIndex: 'paidOn' },
          { title: t('funding.disburse.reference'), dataIndex: 'reference' },
        ]}
      />
      {canRecord && left > 0 && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} initialValues={{ amount: oneOff ? left / 100 : undefined, paidOn: districtNow() }}>
          {oneOff && <Alert type="info" message={t('funding.disburse.oneOff')} style={{ width: '100%', marginBottom: 8 }} />}
          <Form.Item name="amount" label={t('funding.disburse.amount')} rules={[{ required: true, message: t('catalog.editor.required') }]}><InputNumber min={0.01} max={left / 100} precision={2} disabled={oneOff} data-testid="disburse-amount" /></Form.Item>
          <Form.Item name="paidOn" label={t('funding.disburse.paidOn')} rules={[{ required: true, message: t('catalog.editor.required') }]}><DatePicker data-testid="disburse-date" /></Form.Item>
          <Form.Item name="reference" label={t('funding.disburse.reference')} rules={[{ required: true, message: t('catalog.editor.required') }]}><Input maxLength={100} data-testid="disburse-reference" /></Form.Item>
          <Button type="primary" onClick={() => void submit()} loading={m.disburse.isPending} data-testid="disburse-submit">{t('funding.disburse.record')}</Button>
        </Form>
      )}
    </Card>
  );
}

/**
 * Acceptance (验收): the awardee applies with a report and documents (again
 * after a return, the last report prefilled); the bureau sees them and passes
 * the project with its conclusion or returns the application with the reasons.
 */
function AcceptanceCard({ a, canApply, canDecide }: { a: App; canApply: boolean; canDecide: boolean }) {
  const { t } = useTranslation();
  const acc = a.acceptance;
  const waiting = a.status === 'awarded' && !!acc?.submittedAt;
  const status = a.status === 'accepted' ? <Tag color="green">{t('funding.accept.passed')}</Tag> : waiting ? <Tag color="blue">{t('funding.accept.waiting')}</Tag> : acc?.returnNote ? <Tag color="red">{t('funding.accept.returned')}</Tag> : <Tag>{t('funding.accept.notYet')}</Tag>;
  return (
    <Card size="small" title={t('funding.accept.title')} extra={<span data-testid="acceptance-status">{status}</span>}>
      <Flex vertical gap={12}>
        {acc?.returnNote && a.status === 'awarded' && !waiting && <Alert type="warning" showIcon message={t('funding.accept.returnedBecause')} description={acc.returnNote} data-testid="acceptance-return-note" />}
        {acc && (waiting || a.status === 'accepted' || !canApply) && (
          <Descriptions size="small" column={1} items={[
            { key: 'r', label: t('funding.accept.report'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{acc.report}</span> },
            { key: 'd', label: t('funding.accept.documents'), children: <Flex vertical data-testid="acceptance-documents">{acc.documents.map((d) => <a key={d.fileId} onClick={() => void download(f.downloadDocument, undefined, d.name, { id: a.id, fileId: d.fileId })}>{d.name}</a>)}</Flex> },
            ...(acc.submittedAt ? [{ key: 's', label: t('funding.accept.submittedAt'), children: formatDateTime(acc.submittedAt) }] : []),
          ]} />
        )}
        {canApply && a.status === 'awarded' && !waiting && <AcceptanceForm a={a} />}
        {canDecide && a.status === 'awarded' && (waiting ? <AcceptanceDecision a={a} /> : <Alert type="info" showIcon message={t('funding.accept.waitingForAwardee')} />)}
      </Flex>
    </Card>
  );
}

function AcceptanceForm({ a }: { a: App }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ report: string; documents: { name: string; fileId?: string }[] }>();
  const m = useFundingMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const required = [{ required: true, message: t('catalog.editor.required') }];
  const initial = a.acceptance?.documents.length ? a.acceptance.documents : [{ name: t('funding.accept.defaultDocument') }];
  // After a return the documents already submitted stay attached; say which file each row holds until replaced.
  const earlier = new Map((a.acceptance?.documents ?? []).map((d) => [d.fileId, d.name]));
  const rows = Form.useWatch('documents', form);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await m.applyAcceptance.mutateAsync({ id: a.id, body: { report: v.report, documents: v.documents.map((d) => ({ name: d.name, fileId: d.fileId! })) } });
      ok(t('funding.accept.applied'));
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ report: a.acceptance?.report ?? '', documents: initial }}>
      <Form.Item name="report" label={t('funding.accept.report')} rules={required} extra={t('funding.accept.reportHint')}><Input.TextArea rows={4} maxLength={4000} data-testid="acceptance-report" /></Form.Item>
      <Form.List name="documents">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Flex key={field.key} gap={8} align="start" wrap>
                <Form.Item name={[field.name, 'name']} label={i === 0 ? t('funding.accept.documentName') : undefined} rules={required} style={{ minWidth: 200 }}><Input maxLength={100} data-testid={`acceptance-doc-name-${i}`} /></Form.Item>
                <Form.Item name={[field.name, 'fileId']} label={i === 0 ? t('funding.accept.documents') : undefined} rules={required} extra={rows?.[i]?.fileId && earlier.has(rows[i]!.fileId!) ? t('funding.accept.attached', { name: earlier.get(rows[i]!.fileId!) }) : undefined}><AttachmentUpload label={t('funding.apply.upload')} testId={`acceptance-doc-${i}`} /></Form.Item>
                {fields.length > 1 && <Button type="link" danger onClick={() => remove(field.name)}>{t('funding.accept.removeDocument')}</Button>}
              </Flex>
            ))}
            {fields.length < 10 && <Button onClick={() => add({ name: '' })} style={{ alignSelf: 'start' }} data-testid="acceptance-add-document">{t('funding.accept.addDocument')}</Button>}
          </>
        )}
      </Form.List>
      <Button type="primary" style={{ marginTop: 12 }} onClick={() => void submit()} loading={m.applyAcceptance.isPending} data-testid="acceptance-submit">{a.acceptance?.returnNote ? t('funding.accept.reapply') : t('funding.accept.apply')}</Button>
    </Form>
  );
}

/** The bureau's conclusion: pass (the note is the conclusion) or return (the note is the reasons); both need the note. */
function AcceptanceDecision({ a }: { a: App }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [returning, setReturning] = useState(false);
  const m = useFundingMutations();
  const fail = useErrorToast();
  return (
    <Flex vertical gap={8}>
      <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('funding.accept.notePlaceholder')} maxLength={2000} data-testid="acceptance-note" />
      <Flex gap={8}>
        <Button type="primary" disabled={!note.trim()} loading={m.accept.isPending} onClick={() => m.accept.mutateAsync({ id: a.id, note }).catch(fail)} data-testid="acceptance-pass">{t('funding.accept.submit')}</Button>
        <Button danger disabled={!note.trim()} onClick={() => setReturning(true)} data-testid="acceptance-return">{t('funding.accept.return')}</Button>
      </Flex>
      <Modal open={returning} title={t('funding.accept.return')} onCancel={() => setReturning(false)} confirmLoading={m.returnAcceptance.isPending} okButtonProps={{ danger: true, 'data-testid': 'acceptance-return-confirm' } as never}
        onOk={() => m.returnAcceptance.mutateAsync({ id: a.id, note }).then(() => { setReturning(false); setNote(''); }).catch(fail)}>
        {t('funding.accept.returnConfirm', { note })}
      </Modal>
    </Flex>
  );
}
