import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgType, Role, VerificationStatus } from '@shared/roles.js';
import { ORG_TYPES, ROLES, VERIFICATION_STATUSES } from '@shared/roles.js';

const STATUS_COLOR: Record<VerificationStatus, string> = { pending: 'gold', verified: 'green', rejected: 'red' };

function isStatus(s: string): s is VerificationStatus {
  return (VERIFICATION_STATUSES as readonly string[]).includes(s);
}

export function VerificationTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!isStatus(status)) return <Tag>{status}</Tag>;
  return <Tag color={STATUS_COLOR[status]}>{t(`verification.${status}`)}</Tag>;
}

export function useRoleName() {
  const { t } = useTranslation();
  return (r: string) => ((ROLES as readonly string[]).includes(r) ? t(`roles.${r as Role}`) : r);
}

export function useOrgTypeName() {
  const { t } = useTranslation();
  return (o: string) => ((ORG_TYPES as readonly string[]).includes(o) ? t(`orgTypes.${o as OrgType}`) : o);
}

export function RoleTags({ roles }: { roles: readonly string[] }) {
  const name = useRoleName();
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color="blue" style={{ marginBottom: 4 }}>
          {name(r)}
        </Tag>
      ))}
    </>
  );
}

export function UserStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (status === 'active') return <Tag color="green">{t('userStatus.active')}</Tag>;
  if (status === 'disabled') return <Tag color="default">{t('userStatus.disabled')}</Tag>;
  return <Tag>{status}</Tag>;
}
