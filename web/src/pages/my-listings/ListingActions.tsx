import { useState } from 'react';
import { Button, Popconfirm, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useListingMutations } from '../../api/hooks/catalog';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { CloseDemandModal, WithdrawModal } from './ActionModals';

/** The buttons a listing's `actions` allow (the server decides; nothing is guessed here). */
export function ListingActions({
  kind,
  id,
  actions,
  status,
  showEdit = true,
  size = 'small',
}: {
  kind: ListingKind;
  id: string;
  actions: readonly string[];
  status: string;
  showEdit?: boolean;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const m = useListingMutations(kind);
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [modal, setModal] = useState<'withdraw' | 'close' | null>(null);
  const base = kind === 'achievement' ? 'achievements' : 'demands';
  const has = (a: string) => actions.includes(a);
  return (
    <Space size={4} wrap>
      {showEdit && has('update') && (
        <Button size={size} onClick={() => navigate(`/console/${base}/${id}/edit`)} data-testid="action-edit">
          {t('common.edit')}
        </Button>
      )}
      {showEdit && has('submit') && (
        <Button size={size} type="primary" loading={m.submit.isPending} onClick={() => m.submit.mutateAsync(id).then(() => ok(t('catalog.actions.submitted')), fail)} data-testid="action-submit">
          {t('catalog.actions.submit')}
        </Button>
      )}
      {status === 'published' && (
        <Button size={size} type="link" href={`/${base}/${id}`} target="_blank">
          {t('catalog.actions.viewPublic')}
        </Button>
      )}
      {has('withdraw') && (
        <Button size={size} danger onClick={() => setModal('withdraw')} data-testid="action-withdraw">
          {t('catalog.actions.withdraw')}
        </Button>
      )}
      {has('close') && (
        <Button size={size} onClick={() => setModal('close')} data-testid="action-close">
          {t('catalog.actions.close')}
        </Button>
      )}
      {has('discard_draft') && (
        <Popconfirm
          title={t(status === 'draft' ? 'catalog.actions.discardNewConfirm' : 'catalog.actions.discardConfirm')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            m.discard.mutateAsync(id).then((r) => {
              ok(t('catalog.actions.discarded'));
              if (r.deleted) navigate(`/console/${base}`);
            }, fail)
          }
        >
          <Button size={size} danger type="text" data-testid="action-discard">
            {t('catalog.actions.discard')}
          </Button>
        </Popconfirm>
      )}
      <WithdrawModal kind={kind} id={id} open={modal === 'withdraw'} onClose={() => setModal(null)} />
      {kind === 'demand' && <CloseDemandModal id={id} open={modal === 'close'} onClose={() => setModal(null)} />}
    </Space>
  );
}
