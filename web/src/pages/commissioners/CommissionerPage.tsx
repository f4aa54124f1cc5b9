import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, InputNumber, Modal, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BENEFIT_KINDS, type AssignmentView } from '@shared/contracts/commissioners.js';
import type { ResponseOf } from '@shared/contracts/endpoint.js';
import type { listBenefits } from '@shared/contracts/commissioners.js';
import { applyFieldErrors } from '../../api/form-errors';
import { EChart } from '../../components/EChart';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { NameFilling } from '../registries/records/common';
import { OrgPicker } from '../registries/records/pickers';
import { AssignModal } from './AssignModal';
import { useBenefits, useCommissioner, useCommissionerMutations } from './api';

type Kind = (typeof BENEFIT_KINDS)[number];
type Benefit = ResponseOf<typeof listBenefits>['items'][number];
const KIND_COLOR: Record<Kind, string> = { fee: '#1677ff', equity: '#722ed1', dividend: '#389e0d' };
/** Fen to yuan for display; amounts are integer fen from the API (safe as numbers below 2^53 fen). */
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

type FormValues = { kind: Kind; organisationId?: string | null; enterpriseName: string; amountFen: number; equityBasisPoints?: number | null; receivedOn: Dayjs; note?: string };

/** Record a fee, equity stake or dividend: amounts typed in yuan, the share in percent; the API's field errors under the inputs. */
function BenefitModal({ commissionerId, open, onClose }: { commissionerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const m = useCommissionerMutations();
  const toast = useErrorToast();
  const ok = useSuccessToast();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const submit = async (v: FormValues) => {
    try {
      await m.recordBenefit.mutateAsync({
        id: commissionerId,
        body: {
          kind: v.kind,
          organisationId: v.organisationId ?? null,
          enterpriseName: v.enterpriseName,
          amountFen: Math.round(Number(v.amountFen) * 100),
          equityBasisPoints: v.kind === 'equity' && v.equityBasisPoints != null ? Math.round(Number(v.equityBasisPoints) * 100) : null,
          receivedOn: v.receivedOn.format('YYYY-MM-DD'),
          note: v.note?.trim() || undefined,
        },
      });
      ok(t('commissioners.benefits.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) toast(e);
    }
  };
  return (
    <Modal open={open} title={t('commissioners.benefits.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.recordBenefit.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'benefit-ok' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'fee' }} onFinish={submit} data-testid="benefit-form">
        <Form.Item name="kind" label={t('commissioners.benefits.kind')} extra={kind === 'equity' ? t('commissioners.benefits.equityHint') : undefined}>
          <Select data-testid="benefit-kind" options={BENEFIT_KINDS.map((k) => ({ value: k, label: t(`commissioners.benefits.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="organisationId" label={t('commissioners.benefits.organisation')} extra={t('commissioners.benefits.orgHint')}>
          <NameFilling field="enterpriseName" render={(onPick) => <OrgPicker type="enterprise" onPick={onPick} testId="benefit-org" />} />
        </Form.Item>
        <Form.Item name="enterpriseName" label={t('commissioners.benefits.enterpriseName')} rules={[{ required: true }]}><Input maxLength={200} data-testid="benefit-enterprise" /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="amountFen" label={t(kind === 'equity' ? 'commissioners.benefits.amountEquity' : 'commissioners.benefits.amount')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={2} prefix="¥" style={{ width: 200 }} data-testid="benefit-amount" />
          </Form.Item>
          {kind === 'equity' && (
            <Form.Item name="equityBasisPoints" label={t('commissioners.benefits.share')} rules={[{ required: true }]}>
              <InputNumber min={0.01} max={100} precision={2} style={{ width: 120 }} data-testid="benefit-share" />
            </Form.Item>
          )}
          <Form.Item name="receivedOn" label={t('commissioners.benefits.receivedOn')} rules={[{ required: true }]}><DatePicker data-testid="benefit-date" /></Form.Item>
        </Flex>
        <Form.Item name="note" label={t('commissioners.benefits.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Totals per year and kind, newest year first (the API gives totals by kind only). */
function byYear(items: Benefit[]) {
  const m = new Map<string, Record<Kind, number>>();
  for (const b of items) {
    const y = b.receivedOn.slice(0, 4);
    const row = m.get(y) ?? { fee: 0, equity: 0, dividend: 0 };
    row[b.kind] += b.amountFen;
    m.set(y, row);
  }
  return [...m.entries()].sort((a, b) => b[0].localeCompare(a[0])).map(([year, v]) => ({ year, ...v, total: v.fee + v.equity + v.dividend }));
}

/**
 * One commissioner: profile, assignments (the bureau assigns from here too),
 * and the fees, equity and dividends they received, with totals by kind and
 * by year. The commissioner sees and records their own; the bureau any.
 */
export function CommissionerPage() {
  const { t } = useTranslation();
  const id = useParams().id!;
  const { hasPermission } = useSession();
  const one = useCommissioner(id);
  const readBenefits = hasPermission('read:benefit');
  const benefits = useBenefits(id, readBenefits);
  const [adding, setAdding] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const c = one.data;
  const items = useMemo(() => benefits.data?.items ?? [], [benefits.data]);
  const years = useMemo(() => byYear(items), [items]);
  const chart = useMemo(() => {
    const ys = [...years].reverse();
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: ys.map((y) => y.year) },
      yAxis: { type: 'value' },
      series: BENEFIT_KINDS.map((k) => ({ name: t(`commissioners.benefits.kinds.${k}`), type: 'bar', stack: 'all', barMaxWidth: 40, itemStyle: { color: KIND_COLOR[k] }, data: ys.map((y) => y[k] / 100) })),
    };
  }, [years, t]);
  return (
    <div data-testid="commissioner-page">
      <Typography.Paragraph><Link to="/console/commissioners">← {t('commissioners.detail.back')}</Link></Typography.Paragraph>
      <ErrorAlert error={one.error} />
      {c && (
        <>
          <PageTitle title={<span data-testid="commissioner-name">{c.name}</span>}
            extra={hasPermission('manage:commissioner') && c.status === 'active' && <Button onClick={() => setAssigning(true)} data-testid="commissioner-assign">{t('commissioners.list.assign')}</Button>} />
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} title={t('commissioners.detail.profile')} items={[
            { key: 'kind', label: t('commissioners.fields.kind'), children: t(`commissioners.kinds.${c.kind}`) },
            { key: 'status', label: t('commissioners.fields.status'), children: <Tag>{t(`commissioners.statuses.${c.status}`)}</Tag> },
            { key: 'legal', label: t('commissioners.fields.legalType'), children: t(`commissioners.legalTypes.${c.legalType}`) },
            { key: 'home', label: t('commissioners.fields.homeUnit'), children: c.homeUnit },
            { key: 'expertise', label: t('commissioners.fields.expertise'), children: c.expertise.join('、') },
            { key: 'phone', label: t('commissioners.fields.phone'), children: c.phone ?? '—' },
            ...(c.kind === 'team' ? [{ key: 'members', label: t('commissioners.fields.members'), children: c.members.join('、') }] : []),
            { key: 'account', label: t('commissioners.detail.account'), children: c.user ? `${c.user.displayName}（${c.user.username}）` : '—' },
          ]} />
          <Card size="small" title={t('commissioners.detail.assignments')} style={{ marginTop: 16 }}>
            <Table<AssignmentView> size="small" rowKey="id" dataSource={c.assignments} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: true }} data-testid="assignments"
              columns={[
                { key: 'kind', title: t('commissioners.fields.kind'), render: (_, a) => <Tag>{t(`commissioners.targets.${a.targetKind}`)}</Tag> },
                { key: 'where', title: t('commissioners.fields.target'), render: (_, a) => (a.village ? `${a.village.township.name}${a.village.name}` : (a.organisation?.name ?? '—')) },
                { key: 'period', title: t('commissioners.fields.period'), render: (_, a) => `${a.startsOn} ~ ${a.endsOn ?? ''}` },
                { key: 'state', title: t('commissioners.fields.status'), render: (_, a) => (a.status === 'cancelled' ? <Tag>{t('commissioners.detail.cancelled')}</Tag> : a.current ? <Tag color="green">{t('commissioners.list.current')}</Tag> : '—') },
                { key: 'note', title: t('commissioners.assign.note'), render: (_, a) => a.note ?? '' },
              ]} />
          </Card>
          {readBenefits && (
            <Card size="small" style={{ marginTop: 16 }} title={t('commissioners.benefits.title')}
              extra={hasPermission('create:benefit') && <Button type="primary" onClick={() => setAdding(true)} data-testid="benefit-add">{t('commissioners.benefits.add')}</Button>}>
              <ErrorAlert error={benefits.error} />
              {benefits.data && (
                <>
                  <Row gutter={16} style={{ marginBottom: 12 }}>
                    {BENEFIT_KINDS.map((k) => (
                      <Col key={k} xs={24} sm={8}>
                        <Statistic title={t(`commissioners.benefits.kinds.${k}`)} prefix="¥" value={yuan(benefits.data.totals[k])} valueStyle={{ color: KIND_COLOR[k] }} data-testid={`benefit-total-${k}`} />
                      </Col>
                    ))}
                  </Row>
                  {items.length === 0 && <Alert type="info" showIcon message={t('commissioners.benefits.none')} />}
                  {years.length > 1 && <EChart option={chart} height={220} testId="benefit-chart" />}
                  {years.length > 0 && (
                    <Table size="small" rowKey="year" dataSource={years} pagination={false} style={{ marginBottom: 12 }} title={() => t('commissioners.benefits.byYear')} data-testid="benefit-years"
                      columns={[
                        { key: 'year', title: t('commissioners.benefits.year'), dataIndex: 'year' },
                        ...BENEFIT_KINDS.map((k) => ({ key: k, title: t(`commissioners.benefits.kinds.${k}`), align: 'right' as const, render: (_: unknown, r: ReturnType<typeof byYear>[number]) => `¥${yuan(r[k])}` })),
                        { key: 'total', title: t('commissioners.benefits.total'), align: 'right', render: (_, r) => <strong>¥{yuan(r.total)}</strong> },
                      ]} />
                  )}
                  {items.length > 0 && (
                    <Table<Benefit> size="small" rowKey="id" dataSource={items} scroll={{ x: true }} pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }} data-testid="benefits"
                      onRow={() => ({ 'data-testid': 'benefit-row' }) as never}
                      columns={[
                        { key: 'date', title: t('commissioners.benefits.receivedOn'), dataIndex: 'receivedOn' },
                        { key: 'kind', title: t('commissioners.benefits.kind'), render: (_, b) => <Tag color={KIND_COLOR[b.kind]}>{t(`commissioners.benefits.kinds.${b.kind}`)}</Tag> },
                        { key: 'enterprise', title: t('commissioners.benefits.enterprise'), dataIndex: 'enterpriseName' },
                        { key: 'amount', title: t('commissioners.benefits.amount'), align: 'right', render: (_, b) => `¥${yuan(b.amountFen)}` },
                        { key: 'share', title: t('commissioners.benefits.share'), align: 'right', render: (_, b) => (b.equityBasisPoints == null ? '—' : `${(b.equityBasisPoints / 100).toFixed(2)}%`) },
                        { key: 'note', title: t('commissioners.benefits.note'), render: (_, b) => b.note ?? '' },
                      ]} />
                  )}
                </>
              )}
            </Card>
          )}
          <BenefitModal commissionerId={c.id} open={adding} onClose={() => setAdding(false)} />
          <AssignModal commissioner={assigning ? c : null} onClose={() => setAssigning(false)} />
        </>
      )}
    </div>
  );
}
