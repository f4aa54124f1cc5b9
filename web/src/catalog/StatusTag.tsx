import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LISTING_STATUSES, REVISION_STATUSES } from '@shared/contracts/catalog.js';

const LISTING_COLOR: Record<(typeof LISTING_STATUSES)[number], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawn: 'default',
  expired: 'default',
  closed: 'purple',
};
const REVISION_COLOR: Record<(typeof REVISION_STATUSES)[number], string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  superseded: 'default',
};

export function ListingStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const s = status as (typeof LISTING_STATUSES)[number];
  return <Tag color={LISTING_COLOR[s] ?? 'default'} data-testid="listing-status" data-status={status}>{t(`catalog.status.${s}`, { defaultValue: status })}</Tag>;
}

export function RevisionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const s = status as (typeof REVISION_STATUSES)[number];
  return <Tag color={REVISION_COLOR[s] ?? 'default'} data-status={status}>{t(`catalog.revisionStatus.${s}`, { defaultValue: status })}</Tag>;
}
