import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Row = { field: string; before: unknown; after: unknown };

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The audit `changes` record is free-form. Two shapes are laid out as a
 * before/after table — `{before: {...}, after: {...}}` and `{field: {before, after}}`
 * (also `from`/`to`); anything else is shown as JSON.
 */
function toRows(changes: Record<string, unknown>): Row[] | null {
  if (isObject(changes.before) || isObject(changes.after)) {
    const before = isObject(changes.before) ? changes.before : {};
    const after = isObject(changes.after) ? changes.after : {};
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((f) => ({ field: f, before: before[f], after: after[f] }));
  }
  const entries = Object.entries(changes);
  if (entries.length > 0 && entries.every(([, v]) => isObject(v) && ('before' in v || 'after' in v || 'from' in v || 'to' in v))) {
    return entries.map(([f, v]) => {
      const o = v as Record<string, unknown>;
      return { field: f, before: 'before' in o ? o.before : o.from, after: 'after' in o ? o.after : o.to };
    });
  }
  return null;
}

export function Changes({ changes }: { changes: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (Object.keys(changes).length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  const rows = toRows(changes);
  if (!rows) {
    return <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(changes, null, 2)}</pre>;
  }
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field' },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <code>{show(v)}</code> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <code>{show(v)}</code> },
      ]}
    />
  );
}
