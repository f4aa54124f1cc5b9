import { useState } from 'react';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '@shared/errors.js';
import { ApiError } from '../../api/client';
import { usePlanMutations } from '../../api/hooks/plans';
import { useErrorToast, useSuccessToast } from '../../components/feedback';

type Problem = { path: string; message: string };

/**
 * Import a plan file (format chengguo-plan/1, JSON). The file is read in the
 * browser and sent inline; the server validates all of it and answers every
 * problem with its JSON path, shown here as a table.
 */
export function ImportPlanCard({ onImported }: { onImported: (id: string) => void }) {
  const { t } = useTranslation();
  const m = usePlanMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [warnings, setWarnings] = useState<Problem[]>([]);
  const [name, setName] = useState<string | null>(null);
  const { i18n } = useTranslation();

  const load = async (file: File) => {
    setProblems([]);
    setWarnings([]);
    setName(file.name);
    let plan: unknown;
    try {
      plan = JSON.parse(await file.text());
    } catch (e) {
      setProblems([{ path: '(file)', message: t('plans.admin.notJson', { error: e instanceof Error ? e.message : String(e) }) }]);
      return;
    }
    try {
      const res = await m.importPlan.mutateAsync({ plan });
      setWarnings(res.warnings.map((w) => ({ path: w.path, message: i18n.language === 'en' ? w.en : w.zh })));
      ok(t('plans.admin.imported', { title: res.title }));
      onImported(res.id);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setProblems(e.fields.map((f: FieldError) => ({ path: f.path, message: f.message })));
      else fail(e);
    }
  };

  return (
    <Card size="small" title={t('plans.admin.importTitle')} data-testid="plan-import">
      <Typography.Paragraph type="secondary">{t('plans.admin.importHint')}</Typography.Paragraph>
      <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(f) => { void load(f); return Upload.LIST_IGNORE; }}>
        <Button icon={<UploadOutlined />} loading={m.importPlan.isPending} data-testid="plan-import-file">{t('plans.admin.chooseFile')}</Button>
      </Upload>
      {name && <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{name}</Typography.Text>}
      {problems.length > 0 && (
        <>
          <Alert type="error" showIcon style={{ margin: '12px 0' }} message={t('plans.admin.invalid', { count: problems.length })} />
          <Table rowKey={(r, i) => `${r.path}-${i}`} size="small" pagination={false} scroll={{ x: true }} dataSource={problems} data-testid="plan-import-errors"
            columns={[{ title: t('plans.admin.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> }, { title: t('plans.admin.problem'), dataIndex: 'message' }]} />
        </>
      )}
      {warnings.length > 0 && (
        <>
          <Alert type="warning" showIcon style={{ margin: '12px 0' }} message={t('plans.admin.warnings')} />
          <Table rowKey={(r, i) => `${r.path}-${i}`} size="small" pagination={false} scroll={{ x: true }} dataSource={warnings}
            columns={[{ title: t('plans.admin.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> }, { title: t('plans.admin.problem'), dataIndex: 'message' }]} />
        </>
      )}
    </Card>
  );
}
