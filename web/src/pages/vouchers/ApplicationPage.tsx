import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, List, Select, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useApplication, usePrograms, useVoucherMutations } from './api';
import { ApplicationStatusTag, VoucherStatusTag, yuan } from './money';

/** One application: the eligibility checks with their reasons, the decision, the vouchers issued. */
export function ApplicationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const q = useApplication(id);
  const programmes = usePrograms();
  const m = useVoucherMutations();
  const fail = useErrorToast();
  const [form] = Form.useForm<{ faces: number[]; note?: string }>();
  const a = q.data;
  if (!a) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const programme = programmes.data?.items.find((p) => p.id === a.programme.id);
  const decide = async (decision: 'approve' | 'reject') => {
    const v = form.getFieldsValue();
    try {
      if (decision === 'reject' && !v.note?.trim()) {
        form.setFields([{ name: 'note', errors: [t('vouchers.application.noteRequired')] }]);
        return;
      }
      await m.decideApplication.mutateAsync({ id: a.id, body: decision === 'approve' ? { decision, faceValuesFen: v.faces ?? [], note: v.note || undefined } : { decision, note: v.note! } });
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <div data-testid="application-page">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={hasPermission('decide:voucher_application') ? '/console/voucher-review' : '/console/vouchers'}>{t('vouchers.title')}</Link> }, { title: t('vouchers.application.one') }]} />
      <PageTitle title={<>{a.programme.name} <ApplicationStatusTag status={a.status} /></>} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'o', label: t('vouchers.application.applicant'), children: a.organisation.name },
            { key: 's', label: t('vouchers.apply.size'), children: t(`vouchers.sizes.${a.enterpriseSize}`) },
            { key: 't', label: t('vouchers.apply.township'), children: a.township?.name ?? '—' },
            { key: 'c', label: t('vouchers.apply.category'), children: t(`vouchers.categories.${a.serviceCategory}`) },
            { key: 'p', label: t('vouchers.apply.provider'), children: a.provider?.name ?? '—' },
            { key: 'r', label: t('vouchers.apply.requested'), children: yuan(a.requestedFen) },
            { key: 'd', label: t('vouchers.apply.description'), children: a.serviceDescription, span: 2 },
            ...(a.decisionNote ? [{ key: 'n', label: t('vouchers.application.note'), children: a.decisionNote, span: 2 }] : []),
            { key: 'at', label: '', children: formatDateTime(a.createdAt) },
          ]} />
        </Card>
        <Card size="small" title={t('vouchers.application.checks')}>
          <List size="small" dataSource={a.checks} data-testid="eligibility-checks" renderItem={(c) => (
            <List.Item data-testid={`check-${c.code}`}>
              {c.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : c.severity === 'block' ? <CloseCircleTwoTone twoToneColor="#cf1322" /> : <ExclamationCircleTwoTone twoToneColor="#faad14" />}
              <span style={{ marginLeft: 8 }}>{c.message}</span>
            </List.Item>
          )} />
        </Card>
        {a.actions.includes('decide') && (
          <Card size="small" title={t('vouchers.application.decide')}>
            <Form form={form} layout="vertical" data-testid="decide-form">
              <Form.Item name="faces" label={t('vouchers.application.faces')}>
                <Select mode="multiple" data-testid="decide-faces" options={(programme?.faceValuesFen ?? []).flatMap((f) => [0, 1, 2].map((i) => ({ value: f, label: yuan(f), key: `${f}-${i}` }))).filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i)} />
              </Form.Item>
              <Form.Item name="note" label={t('vouchers.application.note')}><Input.TextArea rows={2} data-testid="decide-note" /></Form.Item>
              <Flex gap={8}>
                <Button type="primary" onClick={() => decide('approve')} loading={m.decideApplication.isPending} data-testid="decide-approve">{t('vouchers.application.approve')}</Button>
                <Button danger onClick={() => decide('reject')} loading={m.decideApplication.isPending} data-testid="decide-reject">{t('vouchers.application.reject')}</Button>
              </Flex>
            </Form>
          </Card>
        )}
        {a.vouchers.length > 0 && (
          <Card size="small" title={t('vouchers.tabs.vouchers')}>
            <List size="small" dataSource={a.vouchers} data-testid="issued-vouchers" renderItem={(v) => (
              <List.Item><code data-testid="issued-code">{v.code}</code> · {yuan(v.faceValueFen)} · {v.validFrom} ~ {v.validUntil} <VoucherStatusTag status={v.status} /></List.Item>
            )} />
          </Card>
        )}
      </Flex>
    </div>
  );
}
