import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@shared/contracts/matchmaking.js';

const COLORS: Record<CaseStatus, string> = { interest: 'blue', contact: 'cyan', negotiation: 'purple', agreement: 'green', closed: 'default' };

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]} data-testid={`case-status-${status}`}>{t(`cases.status.${status}`)}</Tag>;
}

/** "Achievement title ↔ demand title", whichever the case has. */
export function caseTitle(c: { achievement: { title: string } | null; demand: { title: string } | null }): string {
  return [c.achievement?.title, c.demand?.title].filter(Boolean).join(' ↔ ');
}
