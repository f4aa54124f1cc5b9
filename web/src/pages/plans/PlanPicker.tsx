import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { PlanSummary } from '@shared/contracts/plans.js';
import { planYears } from './usePlanChoice';

type Plan = z.infer<typeof PlanSummary>;

export function PlanPicker({ plans, plan, onChange }: { plans: Plan[]; plan: Plan | null; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  if (plans.length <= 1) return null;
  return (
    <Select
      style={{ minWidth: 220, maxWidth: '100%' }}
      value={plan?.id}
      onChange={onChange}
      data-testid="plan-picker"
      options={plans.map((p) => ({
        value: p.id,
        label: (
          <>
            {p.title} ({p.startDate.slice(0, 4)}–{p.endDate.slice(0, 4)}) <Tag>{t(`plans.planStatus.${p.status}`)}</Tag>
          </>
        ),
      }))}
    />
  );
}

export function YearPicker({ plan, year, onChange }: { plan: Plan | null; year: number | undefined; onChange: (y: number | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      style={{ width: 120 }}
      allowClear
      placeholder={t('plans.dashboard.yearAuto')}
      value={year}
      onChange={(v: number | undefined) => onChange(v)}
      data-testid="year-picker"
      options={planYears(plan).map((y) => ({ value: y, label: t('plans.dashboard.yearN', { year: y }) }))}
    />
  );
}
