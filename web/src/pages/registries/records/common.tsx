import { cloneElement, type ReactElement, type ReactNode, useState } from 'react';
import { Button, Form, Modal, Popconfirm, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EntryView, RegistryKind } from '@shared/contracts/registries.js';
import { applyFieldErrors } from '../../../api/form-errors';
import { useErrorToast, useSuccessToast } from '../../../components/feedback';

export type Row = Record<string, unknown>;
export type Values = Record<string, unknown>;

/** What the records tabs need of the entry page: the entry, whether the caller keeps its records, and a way to call the API. */
export type RecordsContext = {
  kind: RegistryKind;
  view: EntryView;
  /** The owner (or the bureau administrator) may add, change and delete the running records. */
  canEdit: boolean;
  /** Call a records endpoint; its answer (the whole entry) replaces the page's copy. */
  run: (call: () => Promise<EntryView>) => Promise<EntryView>;
};

export function useRun(kind: RegistryKind, id: string) {
  const qc = useQueryClient();
  return async (call: () => Promise<EntryView>) => {
    const v = await call();
    qc.setQueryData(['registries', kind, id], v);
    return v;
  };
}

// Form ⇄ API conversions: dates as 'YYYY-MM-DD', money as integer fen (the form shows yuan).
export const dateIn = (s: unknown): Dayjs | null => (s ? dayjs(String(s)) : null);
export const dateOut = (d: unknown): string | null => (d ? (d as Dayjs).format('YYYY-MM-DD') : null);
export const fenIn = (fen: unknown): number | null => (fen === null || fen === undefined ? null : Number(fen) / 100);
/** Yuan with up to two decimals to integer fen (rounded, so 0.1 + 0.2 yuan never becomes 30.000000004 fen). */
export const fenOut = (yuan: unknown): number | null => (yuan === null || yuan === undefined || yuan === '' ? null : Math.round(Number(yuan) * 100));
export const textOut = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
export const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * A form in a modal for one record: the API's field errors land under the
 * inputs (form names are the API's field names), anything else is a toast.
 */
export function RecordModal({
  open,
  title,
  initialValues,
  onClose,
  submit,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  initialValues?: Values;
  onClose: () => void;
  submit: (v: Values) => Promise<unknown>;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: Values) => {
    setBusy(true);
    try {
      await submit(v);
      ok(t('registries.records.saved'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden width={600}
      okText={t('common.save')} okButtonProps={{ 'data-testid': `${testId}-save` } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={onFinish} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

/** A records table: the records come whole with the entry, so it pages in the browser, ten to a page. */
export function RecordTable({ rows, columns, testId, rowKey = 'id' }: { rows: Row[]; columns: TableColumnsType<Row>; testId: string; rowKey?: string }) {
  const { t } = useTranslation();
  return (
    <Table<Row>
      size="small"
      rowKey={(r) => String(r[rowKey])}
      dataSource={rows}
      columns={columns}
      scroll={{ x: true }}
      locale={{ emptyText: t('registries.details.none') }}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
      data-testid={testId}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as never}
    />
  );
}

/** Delete with a confirmation naming the record. */
export function DeleteButton({ name, onConfirm, testId }: { name: string; onConfirm: () => Promise<unknown>; testId: string }) {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  return (
    <Popconfirm
      title={t('registries.records.delete')}
      description={<div style={{ maxWidth: 280 }}>{t('registries.records.deleteConfirm', { name })}</div>}
      okButtonProps={{ danger: true, 'data-testid': `${testId}-confirm` } as never}
      onConfirm={async () => {
        try {
          await onConfirm();
          ok(t('registries.records.deleted'));
        } catch (e) {
          fail(e);
        }
      }}
    >
      <Button size="small" type="link" danger data-testid={testId}>{t('registries.records.delete')}</Button>
    </Popconfirm>
  );
}

/**
 * A picker inside a Form.Item that, when something is picked, fills `field`
 * with its name unless the user has typed one already.
 */
export function NameFilling({ field, render, value, onChange }: {
  field: string;
  render: (onPick: (x: { id: string; name: string } | null) => void) => ReactElement<{ value?: string | null; onChange?: (v: string | null) => void }>;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const form = Form.useFormInstance();
  const el = render((x) => { if (x && !form.getFieldValue(field)) form.setFieldValue(field, x.name); });
  return cloneElement(el, { value, onChange });
}
