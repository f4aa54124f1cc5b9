import { useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Flex, Skeleton, Steps, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '@shared/contracts/matchmaking.js';
import { useCase } from '../../api/hooks/matchmaking';
import { ErrorAlert } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { PageTitle } from '../../components/PageTitle';
import { BrokerPanel } from './BrokerPanel';
import { Composer } from './Composer';
import { type ModalMove, MoveModal } from './MoveModal';
import { CaseStatusTag, caseTitle } from './status';
import { CaseTimeline } from './Timeline';

const STEPS = ['interest', 'contact', 'negotiation', 'agreement'] as const;
const MOVES: { action: string; move: ModalMove; danger?: boolean; primary?: boolean }[] = [
  { action: 'accept', move: 'accept', primary: true },
  { action: 'negotiate', move: 'negotiate', primary: true },
  { action: 'agree', move: 'agree', primary: true },
  { action: 'decline', move: 'decline', danger: true },
  { action: 'close', move: 'close', danger: true },
];

function Side({ title, side, mine }: { title: string; side: CaseView['initiator']; mine: boolean }) {
  const { t } = useTranslation();
  const c = side.contacts;
  return (
    <Card size="small" title={<>{title}{mine && <Tag color="blue" style={{ marginLeft: 8 }}>{t('cases.sides.you')}</Tag>}</>} style={{ flex: '1 1 280px', minWidth: 0 }}>
      <Typography.Text strong>{side.organisation.name}</Typography.Text>
      {c ? (
        <Descriptions size="small" column={1} style={{ marginTop: 8 }} data-testid="side-contacts" items={[
          ...(c.listing ? [{ key: 'ln', label: t('cases.contacts.listing'), children: [c.listing.name, c.listing.phone, c.listing.email].filter(Boolean).join(' · ') }] : []),
          ...(c.organisation.contactName ? [{ key: 'on', label: t('cases.contacts.name'), children: c.organisation.contactName }] : []),
          ...(c.organisation.contactPhone ? [{ key: 'op', label: t('cases.contacts.phone'), children: <a href={`tel:${c.organisation.contactPhone}`}>{c.organisation.contactPhone}</a> }] : []),
          ...(c.organisation.contactEmail ? [{ key: 'oe', label: t('cases.contacts.email'), children: <a href={`mailto:${c.organisation.contactEmail}`}>{c.organisation.contactEmail}</a> }] : []),
          ...(c.organisation.address ? [{ key: 'oa', label: t('cases.contacts.address'), children: c.organisation.address }] : []),
        ]} />
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}><LockOutlined /> {t('cases.contacts.hidden')}</Typography.Paragraph>
      )}
    </Card>
  );
}

/** One matchmaking case: parties, listings, steps, the moves the caller may make, the timeline and composer. */
export function CasePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const q = useCase(id);
  const [move, setMove] = useState<ModalMove | null>(null);
  const v = q.data;
  if (!v) return <><ErrorAlert error={q.error} />{q.isPending && <Skeleton active />}</>;
  const current = v.status === 'closed' ? Math.max(0, v.events.filter((e) => e.type === 'status' && e.fromStatus).map((e) => STEPS.indexOf(e.fromStatus as (typeof STEPS)[number])).pop() ?? 0) : STEPS.indexOf(v.status);
  const awaitingName = v.awaiting ? (v.awaiting === 'initiator' ? v.initiator : v.counterpart).organisation.name : null;
  return (
    <div data-testid="case-page">
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/console/cases">{t('console.menu.cases')}</Link> }, { title: caseTitle(v) || v.id.slice(0, 8) }]} />
      <PageTitle title={<>{caseTitle(v) || t('cases.one')} <CaseStatusTag status={v.status} /></>} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Steps
            size="small"
            responsive
            current={current}
            status={v.status === 'closed' ? 'error' : v.status === 'agreement' ? 'finish' : 'process'}
            items={STEPS.map((s) => ({ title: t(`cases.status.${s}`) }))}
            data-testid="case-steps"
          />
          {v.status === 'closed' && v.closedReason && (
            <Alert type="warning" showIcon style={{ marginTop: 12 }} data-testid="closed-reason" message={t('cases.close.closedWith', { reason: t(`cases.closeReasons.${v.closedReason}`) })} description={v.closedNote ?? undefined} />
          )}
          {v.status === 'agreement' && <Alert type="success" showIcon style={{ marginTop: 12 }} message={t('cases.agreementReached')} />}
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }} items={[
            ...(v.achievement ? [{ key: 'a', label: t('cases.fields.achievement'), children: <Link to={`/achievements/${v.achievement.id}`}>{v.achievement.title}</Link> }] : []),
            ...(v.demand ? [{ key: 'd', label: t('cases.fields.demand'), children: <Link to={`/demands/${v.demand.id}`}>{v.demand.title}</Link> }] : []),
            { key: 'o', label: t('cases.fields.origin'), children: t(`cases.origins.${v.origin}`) },
            { key: 'c', label: t('common.createdAt'), children: formatDateTime(v.createdAt) },
            ...(awaitingName ? [{ key: 'w', label: t('cases.fields.awaiting'), children: awaitingName }] : []),
            ...(v.contractId ? [{ key: 'k', label: t('cases.fields.contract'), children: v.contractId }] : []),
          ]} />
          <Flex gap={8} wrap style={{ marginTop: 8 }} data-testid="case-actions">
            {MOVES.filter((x) => v.actions.includes(x.action)).map((x) => (
              <Button key={x.action} type={x.primary ? 'primary' : 'default'} danger={x.danger} onClick={() => setMove(x.move)} data-testid={`case-${x.action}`}>
                {t(`cases.moves.${x.move}`)}
              </Button>
            ))}
          </Flex>
        </Card>
        <Flex gap={16} wrap>
          <Side title={t('cases.sides.initiator')} side={v.initiator} mine={v.mySide === 'initiator'} />
          <Side title={t('cases.sides.counterpart')} side={v.counterpart} mine={v.mySide === 'counterpart'} />
          <Card size="small" title={t('cases.fields.broker')} style={{ flex: '1 1 240px', minWidth: 0 }}>
            <BrokerPanel view={v} />
          </Card>
        </Flex>
        <Card size="small" title={t('cases.timeline')}>
          <CaseTimeline view={v} />
          {v.actions.includes('message') && <Composer caseId={v.id} />}
        </Card>
      </Flex>
      <MoveModal caseId={v.id} move={move} onClose={() => setMove(null)} />
    </div>
  );
}
