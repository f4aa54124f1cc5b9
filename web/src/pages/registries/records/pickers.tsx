import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { brokers } from '@shared/contracts/registries.js';
import type { OrgType } from '@shared/roles.js';
import { api } from '../../../api/client';
import { useOrganisations } from '../../../api/hooks/organisations';

type Ref = { id: string; name: string };

/**
 * Searchable organisation picker (the API's organisation search, optionally
 * one type); `onPick` hands over the name too, so a form can fill it in.
 */
export function OrgPicker({
  value,
  onChange,
  onPick,
  type,
  initial,
  testId,
  placeholder,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  onPick?: (o: Ref | null) => void;
  type?: OrgType;
  initial?: Ref | null;
  testId?: string;
  placeholder?: string;
}) {
  const [q, setQ] = useState('');
  const list = useOrganisations({ q: q || undefined, type, pageSize: 20 });
  const options = (list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      placeholder={placeholder}
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        onChange?.(v ?? null);
        const o = options.find((x) => x.value === v);
        onPick?.(o ? { id: o.value, name: o.label } : null);
      }}
      onSearch={setQ}
      loading={list.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}

/** Searchable picker over the public broker directory (published profiles), showing each broker's grade. */
export function BrokerPicker({
  value,
  onChange,
  onPick,
  initial,
  testId,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  onPick?: (b: Ref | null) => void;
  initial?: Ref | null;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['registries', 'broker', 'picker', q], queryFn: () => api(brokers.directory, { query: { q: q || undefined, pageSize: 20 } }) });
  const options = (list.data?.items ?? []).map((b) => {
    const grade = (b.facets as { grade?: string }).grade;
    return { value: b.id, name: b.name, label: grade ? `${b.name}（${t(`registries.grades.${grade}` as 'registries.grades.junior')}）` : b.name };
  });
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, name: initial.name, label: initial.name });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      placeholder={t('registries.records.staff.brokerHint')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        onChange?.(v ?? null);
        const o = options.find((x) => x.value === v);
        onPick?.(o ? { id: o.value, name: o.name } : null);
      }}
      onSearch={setQ}
      loading={list.isFetching}
      options={options}
      data-testid={testId}
    />
  );
}
