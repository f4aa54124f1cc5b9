import { useMemo, useState } from 'react';
import { Button, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { DatePicker } from '../../../components/DistrictDatePicker';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addService, addStaff, INSTITUTION_TYPES, removeStaff, setPerformance, updateService } from '@shared/contracts/registries.js';
import { api } from '../../../api/client';
import { useErrorToast } from '../../../components/feedback';
import { EChart } from '../../../components/EChart';
import { yuan } from '../kinds';
import { BrokerPicker } from './pickers';
import { dateOut, DeleteButton, fenIn, fenOut, NameFilling, RecordModal, RecordTable, type RecordsContext, type Row, show, textOut, type Values } from './common';
import { districtYear } from '../../../components/district-time';

const price = (negotiable: string, r: Row) => (r.priceFen === null ? negotiable : `¥${yuan(r.priceFen as number)} / ${String(r.unit)}`);

/** Services with list prices: add, change, deactivate (a service a voucher quoted stays on record, so it is not deleted). */
export function ServicesTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const rows = (ctx.view.details.services ?? []) as Row[];
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const id = ctx.view.id;
  const body = (v: Values) => ({
    category: v.category as (typeof INSTITUTION_TYPES)[number],
    name: String(v.name ?? ''),
    description: String(v.description ?? ''),
    priceFen: fenOut(v.priceFen),
    unit: String(v.unit ?? '') || '项',
    active: (v.active as boolean | undefined) ?? true,
  });
  const toggle = (r: Row) =>
    ctx.run(() => api(updateService, { params: { id, subId: String(r.id) }, body: { ...body({ ...r, priceFen: fenIn(r.priceFen) }), active: !r.active } })).catch(fail);
  return (
    <>
      {ctx.canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button type="primary" onClick={() => setEditing('new')} data-testid="service-add">{t('registries.records.service.add')}</Button>
        </Flex>
      )}
      <RecordTable testId="services" rows={rows} columns={[
        { key: 'name', title: t('registries.records.service.name'), render: (_, r) => <Space direction="vertical" size={0}><span>{String(r.name)}</span>{r.description ? <Typography.Text type="secondary">{String(r.description)}</Typography.Text> : null}</Space> },
        { key: 'category', title: t('registries.records.service.category'), render: (_, r) => t(`registries.types.${String(r.category)}` as 'registries.types.trading') },
        { key: 'price', title: t('registries.details.price'), render: (_, r) => <span data-testid="service-price">{price(t('registries.details.negotiable'), r)}</span> },
        ...(ctx.canEdit ? [
          { key: 'active', title: t('registries.fields.status'), render: (_: unknown, r: Row) => (r.active ? <Tag color="green">{t('registries.records.active')}</Tag> : <Tag>{t('registries.records.inactive')}</Tag>) },
          { key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
            <Space size={0}>
              <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="service-edit">{t('registries.records.edit')}</Button>
              {r.active ? (
                <Popconfirm title={t('registries.records.deactivate')} description={<div style={{ maxWidth: 280 }}>{t('registries.records.deactivateConfirm', { name: String(r.name) })}</div>} onConfirm={() => toggle(r)}>
                  <Button size="small" type="link" danger data-testid="service-deactivate">{t('registries.records.deactivate')}</Button>
                </Popconfirm>
              ) : (
                <Button size="small" type="link" onClick={() => void toggle(r)} data-testid="service-activate">{t('registries.records.activate')}</Button>
              )}
            </Space>
          ) },
        ] : []),
      ]} />
      <RecordModal open={editing !== null} testId="service-form" title={t(editing === 'new' ? 'registries.records.service.add' : 'registries.records.edit')} onClose={() => setEditing(null)}
        initialValues={editing && editing !== 'new' ? { ...editing, priceFen: fenIn(editing.priceFen) } : { unit: '项', active: true }}
        submit={(v) => {
          const b = body({ ...v, active: editing && editing !== 'new' ? editing.active : true });
          return ctx.run(() => (editing && editing !== 'new' ? api(updateService, { params: { id, subId: String(editing.id) }, body: b }) : api(addService, { params: { id }, body: b })));
        }}>
        <Form.Item name="name" label={t('registries.records.service.name')} rules={[{ required: true }]}><Input maxLength={120} data-testid="service-name" /></Form.Item>
        <Form.Item name="category" label={t('registries.records.service.category')} rules={[{ required: true }]}>
          <Select data-testid="service-category" options={INSTITUTION_TYPES.map((c) => ({ value: c, label: t(`registries.types.${c}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('registries.records.service.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="priceFen" label={t('registries.records.service.price')} extra={t('registries.records.service.priceHint')}>
            <InputNumber min={0} precision={2} step={100} style={{ width: 200 }} prefix="¥" data-testid="service-price-input" />
          </Form.Item>
          <Form.Item name="unit" label={t('registries.records.service.unit')} rules={[{ required: true }]}><Input maxLength={20} style={{ width: 120 }} /></Form.Item>
        </Flex>
      </RecordModal>
    </>
  );
}

/** Staff, optionally linked to a published broker profile (searchable); the public sees names, positions and broker grades. */
export function StaffTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const rows = (ctx.view.details.staff ?? []) as Row[];
  const [adding, setAdding] = useState(false);
  const id = ctx.view.id;
  return (
    <>
      {ctx.canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="staff-add">{t('registries.records.staff.add')}</Button>
        </Flex>
      )}
      <RecordTable testId="staff" rows={rows} columns={[
        { key: 'name', title: t('registries.records.staff.name'), render: (_, r) => String(r.name) },
        { key: 'position', title: t('registries.records.staff.position'), render: (_, r) => show(r.position) },
        { key: 'grade', title: t('registries.records.staff.grade'), render: (_, r) => (r.brokerGrade ? (
          <Link to={`/directory/brokers/${String(r.brokerId)}`}><Tag color="blue">{t(`registries.grades.${String(r.brokerGrade)}` as 'registries.grades.junior')}</Tag></Link>
        ) : '—') },
        ...(ctx.canEdit ? [
          { key: 'phone', title: t('registries.records.staff.phone'), render: (_: unknown, r: Row) => show(r.phone) },
          { key: 'joined', title: t('registries.records.staff.joinedOn'), render: (_: unknown, r: Row) => show(r.joinedOn) },
          { key: 'left', title: t('registries.records.staff.leftOn'), render: (_: unknown, r: Row) => show(r.leftOn) },
          { key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (
            <DeleteButton name={String(r.name)} testId="staff-delete" onConfirm={() => ctx.run(() => api(removeStaff, { params: { id, subId: String(r.id) } }))} />
          ) },
        ] : []),
      ]} />
      <RecordModal open={adding} testId="staff-form" title={t('registries.records.staff.add')} onClose={() => setAdding(false)}
        submit={(v) => ctx.run(() => api(addStaff, { params: { id }, body: { name: String(v.name ?? ''), position: textOut(v.position), phone: textOut(v.phone), brokerId: (v.brokerId as string | null) ?? null, joinedOn: dateOut(v.joinedOn), leftOn: dateOut(v.leftOn) } }))}>
        <Form.Item name="brokerId" label={t('registries.records.staff.broker')} extra={t('registries.records.staff.brokerHint')}>
          <NameFilling field="name" render={(onPick) => <BrokerPicker testId="staff-broker" onPick={onPick} />} />
        </Form.Item>
        <Form.Item name="name" label={t('registries.records.staff.name')} rules={[{ required: true }]}><Input maxLength={60} data-testid="staff-name" /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="position" label={t('registries.records.staff.position')}><Input maxLength={60} /></Form.Item>
          <Form.Item name="phone" label={t('registries.records.staff.phone')}><Input maxLength={30} /></Form.Item>
        </Flex>
        <Flex gap={12}>
          <Form.Item name="joinedOn" label={t('registries.records.staff.joinedOn')}><DatePicker /></Form.Item>
          <Form.Item name="leftOn" label={t('registries.records.staff.leftOn')}><DatePicker /></Form.Item>
        </Flex>
      </RecordModal>
    </>
  );
}

/** Yearly performance: the owner records deals and turnover by year; years that come from the trading records are shown and locked. */
export function PerformanceTab({ ctx }: { ctx: RecordsContext }) {
  const { t } = useTranslation();
  const rows = useMemo(() => (ctx.view.details.performance ?? []) as Row[], [ctx.view.details.performance]);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const id = ctx.view.id;
  const thisYear = districtYear();
  const chart = useMemo(() => {
    const byYear = [...rows].sort((a, b) => Number(a.year) - Number(b.year));
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: byYear.map((r) => String(r.year)) },
      yAxis: { type: 'value', name: t('registries.records.performance.chart') },
      series: [{ type: 'bar', data: byYear.map((r) => Math.round(Number(r.contractAmountFen) / 100) / 10000), itemStyle: { color: '#1677ff' }, barMaxWidth: 40 }],
    };
  }, [rows, t]);
  return (
    <>
      {ctx.canEdit && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button type="primary" onClick={() => setEditing('new')} data-testid="performance-add">{t('registries.records.performance.record')}</Button>
        </Flex>
      )}
      {rows.length > 1 && <EChart option={chart} height={220} testId="performance-chart" />}
      <RecordTable testId="performance" rowKey="year" rows={rows} columns={[
        { key: 'year', title: t('registries.records.performance.year'), render: (_, r) => String(r.year) },
        { key: 'deals', title: t('registries.records.performance.deals'), align: 'right', render: (_, r) => String(r.dealsCount) },
        { key: 'amount', title: t('registries.details.amount'), align: 'right', render: (_, r) => `¥${yuan(r.contractAmountFen as number)}` },
        { key: 'clients', title: t('registries.records.performance.clients'), align: 'right', render: (_, r) => String(r.servedClients ?? 0) },
        { key: 'source', title: t('registries.records.performance.source'), render: (_, r) => (r.source === 'trading' ? <Tag color="purple">{t('registries.records.performance.trading')}</Tag> : <Tag>{t('registries.records.performance.manual')}</Tag>) },
        ...(ctx.canEdit ? [
          { key: 'note', title: t('registries.records.performance.note'), render: (_: unknown, r: Row) => show(r.note) },
          { key: 'x', title: t('common.actions'), render: (_: unknown, r: Row) => (r.source === 'trading'
            ? <Typography.Text type="secondary">{t('registries.records.performance.tradingLocked')}</Typography.Text>
            : <Button size="small" type="link" onClick={() => setEditing(r)}>{t('registries.records.edit')}</Button>) },
        ] : []),
      ]} />
      <RecordModal open={editing !== null} testId="performance-form" title={t('registries.records.performance.record')} onClose={() => setEditing(null)}
        initialValues={editing && editing !== 'new' ? { ...editing, contractAmountFen: fenIn(editing.contractAmountFen) } : { year: thisYear - 1, dealsCount: 0, servedClients: 0 }}
        submit={(v) => ctx.run(() => api(setPerformance, {
          params: { id, year: Number(v.year) },
          body: { dealsCount: Number(v.dealsCount ?? 0), contractAmountFen: fenOut(v.contractAmountFen) ?? 0, servedClients: Number(v.servedClients ?? 0), note: textOut(v.note) },
        }))}>
        <Flex gap={12} wrap>
          <Form.Item name="year" label={t('registries.records.performance.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={thisYear} disabled={editing !== 'new'} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="dealsCount" label={t('registries.records.performance.deals')} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name="servedClients" label={t('registries.records.performance.clients')}><InputNumber min={0} precision={0} /></Form.Item>
        </Flex>
        <Form.Item name="contractAmountFen" label={t('registries.records.performance.amount')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} prefix="¥" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="note" label={t('registries.records.performance.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </RecordModal>
    </>
  );
}
