import { useState } from 'react';
import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportView } from '@shared/contracts/plans.js';
import { usePlan, usePlanMutations } from '../../api/hooks/plans';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { ReportStatusTag } from '../../plans/tags';
import { formatValue } from '../../plans/values';

/** One progress report, with accept / return for the bureau when its `actions` allow. */
export function ReportDetail({ report }: { report: ReportView }) {
  const { t, i18n } = useTranslation();
  const plan = usePlan(report.planId);
  const m = usePlanMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [mode, setMode] = useState<'accept' | 'return' | null>(null);
  const [note, setNote] = useState('');
  const yn = { yes: t('common.yes'), no: t('common.no') };
  const nameOf = (id: string, code: string) => {
    const ind = plan.data?.indicators.find((i) => i.id === id);
    return ind ? (i18n.language === 'en' && ind.nameEn ? ind.nameEn : ind.name) : code;
  };
  const milestones = plan.data?.tasks.find((x) => x.id === report.task.id)?.milestones ?? [];

  const act = async () => {
    try {
      if (mode === 'accept') await m.accept.mutateAsync({ id: report.id, note: note.trim() || undefined });
      else await m.return.mutateAsync({ id: report.id, note: note.trim() });
      ok(t(mode === 'accept' ? 'plans.review.accepted' : 'plans.review.returned'));
      setMode(null);
      setNote('');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div data-testid="report-detail">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'task', label: t('plans.reports.task'), children: `${t('plans.taskN', { n: report.task.number })} · ${report.task.title}`, span: 2 },
        { key: 'org', label: t('plans.reports.organisation'), children: report.organisation.name },
        { key: 'period', label: t('plans.report.period'), children: report.period },
        { key: 'status', label: t('plans.reports.status'), children: <ReportStatusTag status={report.status} /> },
        { key: 'sub', label: t('plans.reports.submittedAt'), children: formatDateTime(report.submittedAt) },
        ...(report.reviewedAt ? [{ key: 'rev', label: t('plans.reports.reviewedAt'), children: formatDateTime(report.reviewedAt) }] : []),
        ...(report.reviewNote ? [{ key: 'note', label: t('plans.reports.reviewNote'), children: report.reviewNote, span: 2 }] : []),
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plans.report.narrative')}</Typography.Title>
      <Typography.Paragraph className="cg-pre" data-testid="report-narrative-view">{report.narrative}</Typography.Paragraph>
      {report.figures.length > 0 && (
        <>
          <Typography.Title level={5}>{t('plans.report.figures')}</Typography.Title>
          <Descriptions size="small" column={1} bordered items={report.figures.map((f) => ({
            key: f.indicatorId,
            label: nameOf(f.indicatorId, f.code),
            children: <span data-testid={`report-figure-${f.code}`}>{formatValue(f.value, f.unit, i18n.language, yn)}{f.note ? ` (${f.note})` : ''}</span>,
          }))} />
        </>
      )}
      {report.milestoneIds.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plans.report.milestones')}</Typography.Title>
          <ul>{report.milestoneIds.map((id) => { const ms = milestones.find((x) => x.id === id); return <li key={id}>{ms ? `${ms.dueDate} ${ms.title}` : id}</li>; })}</ul>
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('plans.report.evidence')}</Typography.Title>
      {report.evidence.length === 0 ? <Typography.Text type="secondary">{t('common.none')}</Typography.Text> : (
        <ul className="cg-plain-list">
          {report.evidence.map((f) => (
            <li key={f.id}><a href={`/api/v1/files/${f.id}`} target="_blank" rel="noopener noreferrer" data-testid={`evidence-${f.id}`}><PaperClipOutlined /> {f.filename}</a></li>
          ))}
        </ul>
      )}
      {(report.actions.includes('accept') || report.actions.includes('return')) && (
        <Flex gap={8} style={{ marginTop: 16 }}>
          {report.actions.includes('accept') && <Button type="primary" onClick={() => setMode('accept')} data-testid="report-accept">{t('plans.review.accept')}</Button>}
          {report.actions.includes('return') && <Button danger onClick={() => setMode('return')} data-testid="report-return">{t('plans.review.return')}</Button>}
        </Flex>
      )}
      <Modal
        open={mode !== null}
        title={t(mode === 'accept' ? 'plans.review.accept' : 'plans.review.return')}
        onCancel={() => setMode(null)}
        onOk={() => void act()}
        okButtonProps={{ disabled: mode === 'return' && note.trim().length === 0, loading: m.accept.isPending || m.return.isPending, 'data-testid': 'review-confirm' } as never}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t(mode === 'accept' ? 'plans.review.acceptHint' : 'plans.review.returnHint')}</Typography.Text>
          <Input.TextArea rows={4} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="review-note" />
        </Space>
      </Modal>
    </div>
  );
}
