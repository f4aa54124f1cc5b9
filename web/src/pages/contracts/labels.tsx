import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTRACT_TYPE_LABELS, type ContractStatus, type ContractType, SUB_TYPE_LABELS } from '@shared/contracts/contracts.js';
import { useLocale } from '../../catalog/locale';

const COLOR: Record<ContractStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', approved: 'success', refused: 'error', withdrawn: 'default' };

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]} data-testid="contract-status">{t(`contracts.status.${status}`)}</Tag>;
}

/** Label of a { zh, en } pair in the UI's language. */
export function useLabel() {
  const locale = useLocale();
  return (l: { zh: string; en: string } | undefined, fallback = '—') => (l ? (locale === 'en' ? l.en : l.zh) : fallback);
}

export function useTypeLabel() {
  const label = useLabel();
  return (type: string, subType?: string) =>
    subType ? `${label(CONTRACT_TYPE_LABELS[type as ContractType], type)} · ${label(SUB_TYPE_LABELS[`${type}.${subType}`], subType)}` : label(CONTRACT_TYPE_LABELS[type as ContractType], type);
}
