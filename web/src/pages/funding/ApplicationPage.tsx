import { useState } from 'react';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, List, Modal, Skeleton, Table, Tag, Timeline } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import * as f from '@shared/contracts/funding.js';
import type { z } from 'zod';
import { download } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useApplication, useCall, useConflicts, useFundingMutations } from './api';
import { ApplicationStatusTag, KindTag, toFen, yuan } from './format';

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
              <Timeline data-testid="funding-timeline" items={a.timeline.map((e) => ({ color: e.event.includes('reject') || e.event === 'ineligible' || e.event === 'award_withdrawn' || e.event === 'not_awarded' ? 'red' : 'green', children: <><div>{t(`funding.events.${e.event as 'submitted'}`)}{e.note ? `：${e.note}` : ''}</div><small>{formatDateTime(e.at)}</small></> }))} />
            </Card>
          )}
        </Flex>
        {bureau && a.status === 'submitted' && <FormalCard a={a} />}
        {bureau && a.status === 'in_review' && c && !c.reviewClosedAt && <AssignCard a={a} call={c} />}
        {(bureau || a.reviews.length > 0 || a.myReview) && <ReviewsCard a={a} canExtend={bureau && a.status === 'in_review'} />}
        {a.myReview && c && <ScoreCard a={a} call={c} />}
        {(a.status === 'awarded' || a.status === 'accepted' || a.disbursements.length > 0) && <DisburseCard a={a} canRecord={hasPermission('award:funding_application') && a.status === 'awarded'} />}
        {hasPermission('award:funding_application') && a.status === 'awarded' && <AcceptCard a={a} />}
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
  const [deadline, setDeadline] = useState<Dayjs | null>(dayjs(call.reviewDeadline));
  type Item = z.infer<typeof f.ConflictView>['items'][number];
  const assign = () =>
    m.assign
      .mutateAsync({ id: a.id, body: { expertIds: selected, deadline: deadline?.toISOString() } })
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
          ...(canExtend ? [{ title: '', key: 'x', render: (_: unknown, r: Review) => (!r.submitted && r.assignmentId ? <Button size="small" onClick={() => { setExtending(r.assignmentId); setUntil(dayjs(r.deadline).add(3, 'day')); }}>{t('funding.application.extend')}</Button> : null) }] : []),
        ]}
      />
      {extending && (
        <Modal open title={t('funding.application.extendTitle')} onCancel={() => setExtending(null)} confirmLoading={m.extend.isPending} onOk={() => m.extend.mutateAsync({ id: extending, deadline: until!.toISOString() }).then(() => setExtending(null)).catch(fail)}>
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
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} initialValues={{ amount: oneOff ? left / 100 : undefined, paidOn: dayjs() }}>
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

function AcceptCard({ a }: { a: App }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const m = useFundingMutations();
  const fail = useErrorToast();
  return (
    <Card size="small" title={t('funding.accept.title')}>
      <Flex gap={8} align="start">
        <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('funding.accept.note')} maxLength={2000} />
        <Button type="primary" disabled={!note.trim()} loading={m.accept.isPending} onClick={() => m.accept.mutateAsync({ id: a.id, note }).catch(fail)}>{t('funding.accept.submit')}</Button>
      </Flex>
    </Card>
  );
}
