import { WarningOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Form, Input, List, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { downloadRedemptionFile } from '@shared/contracts/vouchers.js';
import { download } from '../../api/client';
import { ErrorAlert, useErrorToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useRedemption, useVoucherMutations } from './api';
import { RedemptionStatusTag, VoucherStatusTag, yuan } from './money';

/** One redemption: the voucher, the contract and its evidence, anti-fraud findings for the bureau, decision and payout. */
export function RedemptionPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const q = useRedemption(id);
  const m = useVoucherMutations();
  const fail = useErrorToast();
  const [form] = Form.useForm<{ note?: string; paymentReference?: string }>();
  const r = q.data;
  if (!r) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const file = (f: { id: string; filename: string }) => (
    <a onClick={() => download(downloadRedemptionFile, undefined, f.filename, { id: r.id, fileId: f.id }).catch(fail)}>{f.filename}</a>
  );
  const decide = async (decision: 'approve' | 'reject') => {
    const note = form.getFieldValue('note') as string | undefined;
    if (decision === 'reject' && !note?.trim()) return form.setFields([{ name: 'note', errors: [t('vouchers.application.noteRequired')] }]);
    await m.decideRedemption.mutateAsync({ id: r.id, body: decision === 'approve' ? { decision, note: note || undefined } : { decision, note: note! } }).catch(fail);
  };
  const pay = async () => {
    const ref = form.getFieldValue('paymentReference') as string | undefined;
    if (!ref?.trim()) return form.setFields([{ name: 'paymentReference', errors: [t('catalog.editor.required')] }]);
    await m.pay.mutateAsync({ id: r.id, paymentReference: ref }).catch(fail);
  };
  const bureau = hasPermission('decide:voucher_redemption');
  return (
    <div data-testid="redemption-page">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={bureau ? '/console/voucher-review' : '/console/vouchers'}>{t('vouchers.title')}</Link> }, { title: r.voucher.code }]} />
      <PageTitle title={<>{t('vouchers.redemption.one')} {r.voucher.code} <RedemptionStatusTag status={r.status} /></>} />
      <Flex vertical gap={16}>
        {bureau && (r.flags.length ? (
          <Alert type="warning" showIcon icon={<WarningOutlined />} message={t('vouchers.redemption.flags')} data-testid="fraud-flags" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{r.flags.map((f) => <li key={f.code}>{f.message}</li>)}</ul>} />
        ) : (
          <Alert type="success" showIcon message={t('vouchers.redemption.noFlags')} data-testid="fraud-flags" />
        ))}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="redemption-facts" items={[
            { key: 'p', label: t('vouchers.programme.name'), children: r.programme.name },
            { key: 'v', label: t('vouchers.voucher.code'), children: <>{r.voucher.code} <VoucherStatusTag status={r.voucher.status} /></> },
            { key: 'e', label: t('vouchers.redemption.enterprise'), children: r.enterprise.name },
            { key: 'pr', label: t('vouchers.redemption.provider'), children: r.provider.name },
            { key: 'c', label: t('vouchers.redeem.category'), children: t(`vouchers.categories.${r.serviceCategory}`) },
            { key: 'n', label: t('vouchers.redeem.contractNo'), children: r.contractNo },
            { key: 'pz', label: t('vouchers.redeem.price'), children: yuan(r.servicePriceFen) },
            { key: 'a', label: t('vouchers.redemption.amount'), children: <b data-testid="redemption-amount">{yuan(r.amountFen)}</b> },
            { key: 'o', label: t('vouchers.redemption.ownShare'), children: yuan(r.ownShareFen) },
            { key: 'd', label: t('vouchers.redeem.dates'), children: `${r.serviceStart} ~ ${r.serviceEnd}` },
            { key: 'vd', label: t('vouchers.voucher.validity'), children: `${r.voucher.validFrom} ~ ${r.voucher.validUntil}` },
            ...(r.decisionNote ? [{ key: 'dn', label: t('vouchers.application.note'), children: r.decisionNote }] : []),
            ...(r.paymentReference ? [{ key: 'pay', label: t('vouchers.redemption.paymentReference'), children: `${r.paymentReference}（${formatDateTime(r.paidAt)}）` }] : []),
          ]} />
        </Card>
        <Card size="small" title={t('vouchers.redemption.evidence')}>
          <List size="small" dataSource={[[t('vouchers.redeem.contract'), r.contractFile], [t('vouchers.redeem.invoice'), r.invoiceFile], [t('vouchers.redeem.proof'), r.ownShareProofFile]] as const}
            renderItem={([label, f]) => <List.Item>{label}：{file(f)}</List.Item>} />
        </Card>
        {(r.actions.includes('decide') || r.actions.includes('pay')) && (
          <Card size="small" title={t('vouchers.application.decide')}>
            <Form form={form} layout="vertical">
              {r.actions.includes('decide') && (
                <>
                  <Form.Item name="note" label={t('vouchers.application.note')}><Input.TextArea rows={2} data-testid="redemption-note" /></Form.Item>
                  <Flex gap={8}>
                    <Button type="primary" onClick={() => decide('approve')} loading={m.decideRedemption.isPending} data-testid="redemption-approve">{t('vouchers.redemption.approve')}</Button>
                    <Button danger onClick={() => decide('reject')} loading={m.decideRedemption.isPending} data-testid="redemption-reject">{t('vouchers.redemption.reject')}</Button>
                  </Flex>
                </>
              )}
              {r.actions.includes('pay') && (
                <>
                  <Form.Item name="paymentReference" label={t('vouchers.redemption.paymentReference')}><Input maxLength={100} data-testid="payment-reference" /></Form.Item>
                  <Button type="primary" onClick={pay} loading={m.pay.isPending} data-testid="redemption-pay">{t('vouchers.redemption.pay')}</Button>
                </>
              )}
            </Form>
          </Card>
        )}
      </Flex>
    </div>
  );
}
