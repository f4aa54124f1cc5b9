import { useState } from 'react';
import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { audit } from '@shared/contracts/index.js';
import { download } from '../../api/client';
import { useAuditLog, useVerifyAuditChain } from '../../api/hooks/audit';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';
import { Changes } from './Changes';
import { usePaging } from '../../components/usePaging';

const OUTCOME_COLOR: Record<string, string> = { success: 'green', denied: 'orange', failure: 'red' };

export function AuditLog() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const paging = usePaging(50, [20, 50, 100, 200]);
  const list = useAuditLog({ ...filters, ...paging.query });
  const verify = useVerifyAuditChain();
  const fail = useErrorToast();
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);

  const exportAs = (format: 'xlsx' | 'csv') => {
    setExporting(format);
    download(audit.exportAudit, { ...filters, format }, `audit.${format}`)
      .catch(fail)
      .finally(() => setExporting(null));
  };

  const outcomeLabel = (o: string) => (o === 'success' || o === 'denied' || o === 'failure' ? t(`audit.outcomes.${o}`) : o);
  const v = verify.data;

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => exportAs('xlsx')} data-testid="audit-export-xlsx">
              {t('audit.exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => exportAs('csv')} data-testid="audit-export-csv">
              {t('audit.exportCsv')}
            </Button>
            <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate(undefined, { onError: fail })} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      <AuditFilters
        onChange={(f) => {
          setFilters(f);
          paging.reset();
        }}
      />
      <ErrorAlert error={list.error} />
      <Table
        rowKey="seq"
        size="small"
        scroll={{ x: true }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        expandable={{
          expandedRowRender: (r) => (
            <>
              <Changes changes={r.changes} />
              <div style={{ marginTop: 8, fontSize: 12, color: '#888', wordBreak: 'break-all' }}>
                {t('audit.userAgent')}: {r.userAgent ?? '—'} · {t('common.requestId')}: {r.requestId ?? '—'} · hash: <code>{r.hash.slice(0, 16)}…</code>
              </div>
            </>
          ),
        }}
        pagination={paging.pagination(list.data?.total)}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
          { title: t('audit.actor'), dataIndex: 'actorUsername', render: (v: string | null) => v ?? '—' },
          { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <code>{v}</code> },
          { title: t('audit.entityType'), dataIndex: 'entityType' },
          { title: t('audit.entityId'), dataIndex: 'entityId', render: (v: string | null) => (v ? <code>{v}</code> : '—') },
          { title: t('audit.outcome'), dataIndex: 'outcome', render: (o: string) => <Tag color={OUTCOME_COLOR[o]}>{outcomeLabel(o)}</Tag> },
          { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Modal
        open={!!v}
        title={t('audit.verifyTitle')}
        onOk={() => verify.reset()}
        onCancel={() => verify.reset()}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {v && (
          <div data-testid="audit-verify-result" data-ok={v.ok}>
            {v.ok ? (
              <Alert type="success" showIcon message={t('audit.verifyOk', { checked: v.checked, first: v.firstSeq ?? '—', last: v.lastSeq ?? '—' })} />
            ) : (
              <Alert
                type="error"
                showIcon
                message={t('audit.verifyBad', { count: v.problems.length })}
                description={
                  <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 240, overflow: 'auto' }}>
                    {v.problems.map((p) => (
                      <li key={`${p.seq}-${p.problem}`}>
                        #{p.seq}: {p.problem}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
