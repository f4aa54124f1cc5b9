import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, exportAchievements, exportDemands } from '@shared/contracts/catalog-public.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { download } from '../../api/client';
import { useErrorToast } from '../../components/feedback';

/** Export the list as it is filtered now (page and size aside) in XLSX, CSV or JSON. */
export function ExportButton({ kind, query }: { kind: ListingKind; query: Record<string, string | number> }) {
  const { t } = useTranslation();
  const fail = useErrorToast();
  const filters = Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'page' && k !== 'pageSize'));
  const run = (format: (typeof EXPORT_FORMATS)[number]) => {
    const e = kind === 'achievement' ? exportAchievements : exportDemands;
    download(e, { ...filters, format } as never, `${kind}s.${format}`).catch(fail);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: EXPORT_FORMATS.map((f) => ({ key: f, label: <span data-testid={`export-${f}`}>{t(`catalog.portal.exportAs.${f}`)}</span> })),
        onClick: ({ key }) => run(key as (typeof EXPORT_FORMATS)[number]),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="export-button">
        {t('catalog.portal.export')}
      </Button>
    </Dropdown>
  );
}
