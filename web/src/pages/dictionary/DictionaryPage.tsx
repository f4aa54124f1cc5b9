import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Popconfirm, Progress, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useDictionary, useDictionaryMutations, useLatestRebuild, useStartRebuild } from '../../api/hooks/catalog-public';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';

/** 词典与索引: the project dictionary of technical terms, and rebuilding the search index after a change. */
export function DictionaryPage() {
  const { t } = useTranslation();
  const dict = useDictionary();
  const m = useDictionaryMutations();
  const rebuild = useLatestRebuild();
  const start = useStartRebuild();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [form] = Form.useForm<{ term: string }>();
  const [filter, setFilter] = useState('');
  const r = rebuild.data?.rebuild ?? null;
  const running = r?.status === 'queued' || r?.status === 'running';
  const percent = r && r.total > 0 ? Math.floor((r.done / r.total) * 100) : r?.status === 'done' ? 100 : 0;
  const terms = (dict.data?.terms ?? []).filter((x) => !filter || x.term.includes(filter));

  return (
    <>
      <PageTitle title={t('console.menu.dictionary')} />
      <ErrorAlert error={dict.error} />
      <Flex gap={16} wrap align="flex-start">
        <Card size="small" title={t('catalog.dictionary.terms')} style={{ flex: '2 1 420px', minWidth: 0 }}>
          <Form
            form={form}
            layout="inline"
            onFinish={(v) =>
              m.add.mutateAsync(v.term.trim()).then(
                () => { form.resetFields(); ok(t('catalog.dictionary.added')); },
                (e: unknown) => { if (!applyFieldErrors(form, e)) fail(e); },
              )
            }
            style={{ marginBottom: 12, rowGap: 8 }}
          >
            <Form.Item name="term" rules={[{ required: true, min: 2, max: 24, whitespace: true, message: t('catalog.dictionary.termRule') }]}>
              <Input placeholder={t('catalog.dictionary.termPlaceholder')} maxLength={24} data-testid="dict-term" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={m.add.isPending} data-testid="dict-add">{t('catalog.dictionary.add')}</Button>
            <Input.Search allowClear placeholder={t('catalog.dictionary.filter')} onChange={(e) => setFilter(e.target.value)} style={{ width: 180 }} />
          </Form>
          <Table
            size="small"
            rowKey="term"
            loading={dict.isFetching}
            dataSource={terms}
            pagination={{ pageSize: 20 }}
            scroll={{ x: true }}
            columns={[
              { title: t('catalog.dictionary.term'), dataIndex: 'term' },
              { title: t('catalog.dictionary.addedBy'), dataIndex: 'addedBy', render: (v: string | null) => v ?? '—' },
              { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
              {
                title: t('common.actions'),
                key: 'rm',
                render: (_, x) => (
                  <Popconfirm title={t('catalog.dictionary.removeConfirm', { term: x.term })} onConfirm={() => m.remove.mutateAsync(x.term).then(() => ok(t('catalog.dictionary.removed')), fail)}>
                    <Button size="small" danger type="link">{t('catalog.dictionary.remove')}</Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('catalog.dictionary.index')} style={{ flex: '1 1 300px', minWidth: 0 }} data-testid="rebuild-card">
          <Flex gap={24} wrap>
            <Statistic title={t('catalog.dictionary.version')} value={dict.data?.dictionaryVersion ?? '—'} valueStyle={{ fontSize: 16 }} />
            <Statistic title={t('catalog.dictionary.stale')} value={dict.data?.staleListings ?? 0} />
          </Flex>
          {(dict.data?.staleListings ?? 0) > 0 && <Alert type="warning" showIcon style={{ margin: '12px 0' }} message={t('catalog.dictionary.staleHint')} />}
          <Button type="primary" style={{ marginTop: 12 }} disabled={running} loading={start.isPending} onClick={() => start.mutateAsync().catch(fail)} data-testid="rebuild-start">
            {t('catalog.dictionary.rebuild')}
          </Button>
          {r && (
            <div style={{ marginTop: 16 }} data-testid="rebuild-progress" data-status={r.status}>
              <Progress percent={percent} status={r.status === 'failed' ? 'exception' : r.status === 'done' ? 'success' : 'active'} />
              <Typography.Text type="secondary">
                {t(`catalog.dictionary.rebuildStatus.${r.status}`)} · {r.done}/{r.total} · {formatDateTime(r.finishedAt ?? r.startedAt ?? r.createdAt)}
              </Typography.Text>
              {r.error && <Alert type="error" showIcon message={r.error} style={{ marginTop: 8 }} />}
            </div>
          )}
        </Card>
      </Flex>
    </>
  );
}
