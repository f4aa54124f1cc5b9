import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../api/hooks/organisations';

/** Several registered organisations, searched by name (collaborators of an application). */
export function OrgSelectMany({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [labels, setLabels] = useState<Record<string, string>>({});
  const list = useOrganisations({ q: q || undefined, pageSize: 20 });
  const options = (list.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  for (const id of value ?? []) if (!options.some((o) => o.value === id)) options.unshift({ value: id, label: labels[id] ?? id });
  return (
    <Select
      mode="multiple"
      showSearch
      filterOption={false}
      placeholder={t('accounts.orgSearch')}
      value={value ?? []}
      onChange={(v: string[], opts) => {
        const next = { ...labels };
        for (const o of ([] as { value: string; label: string }[]).concat((opts ?? []) as never)) if (o?.value) next[o.value] = o.label;
        setLabels(next);
        onChange?.(v);
      }}
      onSearch={setQ}
      loading={list.isFetching}
      options={options}
      data-testid="apply-collaborator-orgs"
    />
  );
}
