import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../api/hooks/organisations';

/** Searchable organisation picker; `initial` labels the current value before any search. */
export function OrgSelect({
  value,
  onChange,
  initial,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  initial?: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useOrganisations({ q: q || undefined, pageSize: 20 });
  const options = (list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      placeholder={t('accounts.orgSearch')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      onSearch={setQ}
      loading={list.isFetching}
      options={options}
    />
  );
}
