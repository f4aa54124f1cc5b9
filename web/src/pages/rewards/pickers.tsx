import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyListings } from '../../api/hooks/catalog';
import { useContracts } from '../contracts/hooks';

/** The search text, settled for 300 ms, so each keystroke does not ask the server. */
function useSettled(value: string, ms = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

type PickerProps = { value?: string | null; onChange?: (v: string | undefined) => void; 'data-testid'?: string };

/** One of the caller's organisation's published achievements, searched by title on the server. */
export function AchievementPicker({ value, onChange, ...rest }: PickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const settled = useSettled(q);
  const list = useMyListings('achievement', { status: 'published', q: settled.trim() || undefined, page: 1, pageSize: 20 });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      placeholder={t('contracts.rewards.achievementSearch')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      onSearch={setQ}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))}
      data-testid={rest['data-testid']}
    />
  );
}

/** One of the caller's organisation's registered (approved) contracts, searched by project name or number. */
export function ContractPicker({ value, onChange, ...rest }: PickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const settled = useSettled(q);
  const list = useContracts({ scope: 'mine', status: 'approved', q: settled.trim() || undefined, page: 1, pageSize: 20 });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      placeholder={t('contracts.rewards.contractSearch')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      onSearch={setQ}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.registrationNumber ?? ''} ${c.projectName}`.trim() }))}
      data-testid={rest['data-testid']}
    />
  );
}
