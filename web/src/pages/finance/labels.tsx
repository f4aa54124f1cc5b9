import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FinanceKind, FinanceStatus } from '@shared/contracts/finance.js';

const COLOR: Record<FinanceStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', verified: 'success', withdrawn: 'default' };

export function FinanceStatusTag({ status }: { status: FinanceStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[status]} data-testid="finance-status">{t(`finance.status.${status}`)}</Tag>;
}

/** The amount's name for the kind: loan, sum insured, guarantee or investment. */
export function useAmountLabel() {
  const { t } = useTranslation();
  return (kind: FinanceKind | undefined): string => {
    switch (kind) {
      case 'patent_pledge_loan':
        return t('finance.fields.loanAmount');
      case 'tech_insurance':
        return t('finance.fields.amountInsured');
      case 'guarantee':
        return t('finance.fields.guaranteeAmount');
      case 'equity_investment':
        return t('finance.fields.investmentAmount');
      default:
        return t('finance.fields.amount');
    }
  };
}
