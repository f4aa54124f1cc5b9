import { useState } from 'react';
import { Button, Descriptions, Flex, Input, Modal, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '@shared/contracts/matchmaking.js';
import { assignableBrokers } from '@shared/contracts/registries.js';
import { api } from '../../api/client';
import { useCaseMutations } from '../../api/hooks/matchmaking';
import { useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { useSession } from '../../session/SessionContext';

/**
 * The case's broker: who, since when; assign (bureau) or claim (broker).
 * The bureau picks from the assignable broker accounts (registries: search by
 * name, unit or expertise, with each broker's open cases); a caller without
 * that list types the broker's account id.
 */
export function BrokerPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { hasPermission } = useSession();
  const m = useCaseMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [open, setOpen] = useState(false);
  const [brokerId, setBrokerId] = useState('');
  const [search, setSearch] = useState('');
  const canList = hasPermission('assign:broker');
  const brokers = useQuery({
    queryKey: ['broker-accounts', search],
    queryFn: () => api(assignableBrokers, { query: { q: search || undefined, limit: 50 } }),
    enabled: open && canList,
  });
  const go = async (move: 'assign' | 'claim') => {
    try {
      await m.move.mutateAsync({ move, id: view.id, body: move === 'assign' ? { brokerUserId: brokerId.trim() } : {} });
      ok(t(move === 'assign' ? 'cases.broker.assigned' : 'cases.broker.claimed'));
      setOpen(false);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <div data-testid="broker-panel">
      <Descriptions size="small" column={1} items={[
        { key: 'b', label: t('cases.fields.broker'), children: <span data-testid="case-broker">{view.broker?.displayName ?? t('cases.broker.none')}</span> },
        ...(view.brokerAssignedAt ? [{ key: 'at', label: t('cases.broker.since'), children: formatDateTime(view.brokerAssignedAt) }] : []),
      ]} />
      <Flex gap={8} wrap>
        {view.actions.includes('assign_broker') && <Button onClick={() => setOpen(true)} data-testid="assign-broker">{t(view.broker ? 'cases.broker.reassign' : 'cases.broker.assign')}</Button>}
        {view.actions.includes('claim') && <Button type="primary" onClick={() => void go('claim')} loading={m.move.isPending} data-testid="claim-case">{t('cases.broker.claim')}</Button>}
      </Flex>
      <Modal open={open} title={t('cases.broker.assign')} onCancel={() => setOpen(false)} onOk={() => void go('assign')} confirmLoading={m.move.isPending}
        okButtonProps={{ disabled: !/^[0-9a-f-]{36}$/i.test(brokerId.trim()), 'data-testid': 'assign-confirm' } as never} destroyOnHidden>
        {canList ? (
          <Select showSearch filterOption={false} onSearch={setSearch} style={{ width: '100%' }} loading={brokers.isFetching} value={brokerId || undefined} onChange={setBrokerId} data-testid="broker-select"
            placeholder={t('cases.broker.searchHint')}
            options={(brokers.data?.items ?? []).map((u) => ({
              value: u.userId,
              label: `${u.displayName}${u.organisationName ? ` · ${u.organisationName}` : ''}${u.expertise.length ? ` · ${u.expertise.slice(0, 3).join('、')}` : ''} (${t('cases.broker.openCases', { n: u.openCases })})`,
            }))} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('cases.broker.idHint')}</Typography.Paragraph>
            <Input value={brokerId} onChange={(e) => setBrokerId(e.target.value)} placeholder="00000000-0000-0000-0000-000000000000" data-testid="broker-id" />
          </>
        )}
      </Modal>
    </div>
  );
}
