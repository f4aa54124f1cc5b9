import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Flex, Form, Input, InputNumber, List, Modal, Select, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { INCOME_KINDS, type IncomeView } from '@shared/contracts/rewards.js';
import { applyFieldErrors } from '../../api/form-errors';
import { useLocale } from '../../catalog/locale';
import { formatFen, isYuan, yuanToFen } from '../../catalog/money';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { useSession } from '../../session/SessionContext';
import { useIncomes, useMinimums, useRewardMutations } from '../contracts/hooks';
import { AchievementPicker, ContractPicker } from './pickers';

type Calc = NonNullable<ReturnType<typeof useRewardMutations>['calculate']['data']>;

/** The reward calculator for one income: rate (default the minimum), the working line by line, the allocation, and recording it. */
function RewardDrawer({ income, onClose }: { income: IncomeView; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mins = useMinimums().data;
  const m = useRewardMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [form] = Form.useForm();
  const [calc, setCalc] = useState<Calc | null>(null);
  const legal = !mins ? 5000 : income.kind === 'operating_profit' ? mins.operatingProfitMinimumBp : income.kind === 'equity' ? mins.equityMinimumBp : income.kind === 'licence' ? mins.licenceMinimumBp : mins.transferMinimumBp;
  const bodyOf = (v: { rate?: number; unitRule?: number; rewardYears?: number; reason?: string; taxYuan?: string; awardedOn?: Dayjs; years?: number }) => ({
    rateBp: Math.round((v.rate ?? legal / 100) * 100),
    unitRuleBp: v.unitRule !== undefined && v.unitRule !== null ? Math.round(v.unitRule * 100) : undefined,
    rewardYears: v.rewardYears,
    belowMinimumReason: v.reason?.trim() || undefined,
    deferral: income.kind === 'equity' && v.taxYuan && v.awardedOn && v.years ? { taxFen: yuanToFen(v.taxYuan) ?? 0, awardedOn: v.awardedOn.format('YYYY-MM-DD'), years: v.years } : undefined,
  });
  const run = async () => {
    try {
      setCalc(await m.calculate.mutateAsync({ id: income.id, body: bodyOf(form.getFieldsValue()) }));
    } catch (e) {
      fail(e);
    }
  };
  const save = async () => {
    try {
      await m.save.mutateAsync({ id: income.id, body: bodyOf(form.getFieldsValue()) });
      ok(t('contracts.actions.done'));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Drawer open width={640} title={`${t('contracts.rewards.calculate')} · ${income.achievement.title}`} onClose={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('contracts.rewards.minimum', { min: legal / 100 })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ rate: legal / 100, rewardYears: mins?.operatingProfitYearsMin ?? 3 }} onValuesChange={() => setCalc(null)}>
        <Flex gap={12} wrap>
          <Form.Item name="rate" label={t('contracts.rewards.rate')}><InputNumber min={0} max={100} step={1} precision={2} data-testid="reward-rate" /></Form.Item>
          <Form.Item name="unitRule" label={t('contracts.rewards.unitRule')}><InputNumber min={0} max={100} precision={2} /></Form.Item>
          {income.kind === 'operating_profit' && <Form.Item name="rewardYears" label={t('contracts.rewards.rewardYears')}><InputNumber min={mins?.operatingProfitYearsMin ?? 3} max={mins?.operatingProfitYearsMax ?? 5} /></Form.Item>}
        </Flex>
        {income.kind === 'equity' && (
          <Flex gap={12} wrap>
            <Form.Item name="taxYuan" label={t('contracts.rewards.taxFen')} rules={[{ validator: (_, x: string) => (!x || isYuan(x) ? Promise.resolve() : Promise.reject(new Error('0.00'))) }]}><Input inputMode="decimal" /></Form.Item>
            <Form.Item name="awardedOn" label={t('contracts.rewards.awardedOn')}><DatePicker /></Form.Item>
            <Form.Item name="years" label={t('contracts.rewards.years')}><InputNumber min={1} max={mins?.equityDeferralMaxYears ?? 5} /></Form.Item>
          </Flex>
        )}
        <Form.Item name="reason" label={t('contracts.rewards.reason')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Button onClick={() => void run()} loading={m.calculate.isPending} data-testid="reward-calculate">{t('contracts.rewards.calculate')}</Button>
        <Button type="primary" onClick={() => void save()} loading={m.save.isPending} data-testid="reward-save">{t('contracts.rewards.save')}</Button>
      </Flex>
      {calc && (
        <>
          {calc.belowMinimum && <Alert type="warning" showIcon message={t('contracts.rewards.belowMinimum', { min: calc.minimumBp / 100 })} style={{ marginBottom: 12 }} />}
          {calc.problems.map((p) => <Alert key={p.path} type="error" showIcon message={locale === 'en' ? p.en : p.zh} style={{ marginBottom: 8 }} />)}
          <Typography.Title level={5}>{t('contracts.rewards.working')}</Typography.Title>
          <List size="small" bordered dataSource={calc.working} renderItem={(w) => <List.Item style={{ whiteSpace: 'pre-wrap' }}>{locale === 'en' ? w.en : w.zh}</List.Item>} data-testid="reward-working" />
        </>
      )}
    </Drawer>
  );
}

function RecordIncome({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const m = useRewardMutations();
  const fail = useErrorToast();
  const kind = Form.useWatch('kind', form);
  const money = [{ required: true }, { validator: (_: unknown, x: string) => (!x || isYuan(x) ? Promise.resolve() : Promise.reject(new Error('0.00'))) }];
  return (
    <Modal open={open} title={t('contracts.rewards.record')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'transfer', costs: '0' }} onFinish={async (v) => {
        try {
          await m.record.mutateAsync({
            achievementId: v.achievementId, kind: v.kind, contractId: v.contractId || undefined, receivedOn: (v.receivedOn as Dayjs).format('YYYY-MM-DD'),
            grossFen: yuanToFen(v.gross) ?? 0, costsFen: yuanToFen(v.costs) ?? 0, shares: v.shares ?? undefined, profitYear: v.profitYear ?? undefined, note: v.note || undefined,
          });
          onClose();
        } catch (e) {
          if (!applyFieldErrors(form, e)) fail(e);
        }
      }}>
        <Form.Item name="kind" label={t('contracts.rewards.kind')} rules={[{ required: true }]}><Select options={INCOME_KINDS.map((k) => ({ value: k, label: t(`contracts.rewards.kinds.${k}`) }))} /></Form.Item>
        <Form.Item name="achievementId" label={t('contracts.rewards.achievement')} rules={[{ required: true }]}><AchievementPicker data-testid="income-achievement" /></Form.Item>
        <Form.Item name="contractId" label={t('contracts.rewards.contract')}><ContractPicker data-testid="income-contract" /></Form.Item>
        <Form.Item name="receivedOn" label={t('contracts.rewards.receivedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        <Flex gap={12}>
          <Form.Item name="gross" label={t('contracts.rewards.gross')} rules={money}><Input inputMode="decimal" /></Form.Item>
          <Form.Item name="costs" label={t('contracts.rewards.costs')} rules={money}><Input inputMode="decimal" /></Form.Item>
        </Flex>
        {kind === 'equity' && <Form.Item name="shares" label={t('contracts.rewards.shares')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>}
        {kind === 'operating_profit' && <Form.Item name="profitYear" label={t('contracts.rewards.profitYear')} rules={[{ required: true }]}><InputNumber min={1} max={20} precision={0} /></Form.Item>}
        <Form.Item name="note" label={t('contracts.fields.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** Income from transforming achievements and the rewards recorded for their people, with the calculator. */
export function RewardsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { hasPermission } = useSession();
  const [page, setPage] = useState(1);
  const q = useIncomes({ page, pageSize: 20 });
  const [open, setOpen] = useState<IncomeView | null>(null);
  const [recording, setRecording] = useState(false);
  const money = (f: number) => formatFen(f, locale);
  return (
    <div data-testid="rewards-page">
      <PageTitle title={t('contracts.rewards.title')} extra={hasPermission('create:income') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="income-record">{t('contracts.rewards.record')}</Button>} />
      <ErrorAlert error={q.error} />
      <Table<IncomeView>
        rowKey="id"
        scroll={{ x: true }}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        expandable={{
          rowExpandable: (r) => !!r.reward,
          expandedRowRender: (r) => r.reward && (
            <Flex vertical gap={8}>
              <Descriptions size="small" column={3} items={[
                { key: 'r', label: t('contracts.rewards.rate'), children: `${r.reward.rateBp / 100}%` },
                { key: 't', label: t('contracts.rewards.amount'), children: money(r.reward.totalFen) },
                ...(r.reward.totalShares !== null ? [{ key: 's', label: t('contracts.rewards.shares'), children: r.reward.totalShares }] : []),
                ...(r.reward.belowMinimumReason ? [{ key: 'b', label: t('contracts.rewards.reason'), children: r.reward.belowMinimumReason }] : []),
              ]} />
              <Table size="small" pagination={false} rowKey="name" dataSource={r.reward.allocation} columns={[
                { title: t('contracts.rewards.person'), dataIndex: 'name' },
                { title: t('contracts.rewards.share'), dataIndex: 'share', render: (s: number) => `${s}%` },
                { title: t('contracts.rewards.amount'), dataIndex: 'amountFen', align: 'right', render: money },
                ...(r.reward.totalShares !== null ? [{ title: t('contracts.rewards.shares'), dataIndex: 'shares', align: 'right' as const }] : []),
              ]} />
              {r.reward.deferral && (
                <Table size="small" pagination={false} rowKey="dueOn" title={() => t('contracts.rewards.deferral')} dataSource={r.reward.deferral} columns={[
                  { title: t('contracts.rewards.dueOn'), dataIndex: 'dueOn' },
                  { title: t('contracts.rewards.taxFen'), dataIndex: 'amountFen', align: 'right', render: money },
                  { title: t('contracts.fields.status'), dataIndex: 'state', render: (s: 'paid_period_over' | 'due' | 'upcoming') => <Tag color={s === 'due' ? 'orange' : undefined}>{t(`contracts.rewards.state.${s}`)}</Tag> },
                ]} />
              )}
            </Flex>
          ),
        }}
        columns={[
          { title: t('contracts.rewards.achievement'), key: 'a', render: (_, r) => r.achievement.title },
          { title: t('contracts.rewards.kind'), dataIndex: 'kind', render: (k: IncomeView['kind']) => t(`contracts.rewards.kinds.${k}`) },
          { title: t('contracts.rewards.receivedOn'), dataIndex: 'receivedOn' },
          { title: t('contracts.rewards.net'), dataIndex: 'netFen', align: 'right', render: money },
          { title: t('contracts.rewards.reward'), key: 'r', align: 'right', render: (_, r) => (r.reward ? money(r.reward.totalFen) : <Typography.Text type="secondary">{t('contracts.rewards.none')}</Typography.Text>) },
          { title: '', key: 'x', render: (_, r) => !r.reward && hasPermission('create:income') && <Button size="small" onClick={() => setOpen(r)} data-testid={`reward-open-${r.id}`}>{t('contracts.rewards.calculate')}</Button> },
        ]}
      />
      {open && <RewardDrawer income={open} onClose={() => setOpen(null)} />}
      <RecordIncome open={recording} onClose={() => setRecording(false)} />
    </div>
  );
}
