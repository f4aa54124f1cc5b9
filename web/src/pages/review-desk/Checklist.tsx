import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import { REVIEW_CHECKLIST } from '@shared/contracts/catalog.js';

export type ChecklistItem = (typeof REVIEW_CHECKLIST)[number];

/** The reviewer's checklist; every item must be ticked to approve. */
export function Checklist({ value, onChange }: { value: ChecklistItem[]; onChange: (v: ChecklistItem[]) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group value={value} onChange={(v) => onChange(v as ChecklistItem[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="review-checklist">
      {REVIEW_CHECKLIST.map((c) => (
        <Checkbox key={c} value={c} data-testid={`check-${c}`}>{t(`catalog.checklist.${c}`)}</Checkbox>
      ))}
    </Checkbox.Group>
  );
}

export const allChecked = (v: readonly string[]) => REVIEW_CHECKLIST.every((c) => v.includes(c));
