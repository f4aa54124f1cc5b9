import { useState } from 'react';
import { HeartOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useCaseMutations } from '../../api/hooks/matchmaking';
import { useErrorToast } from '../../components/feedback';
import { useSession } from '../../session/SessionContext';

/**
 * "我有意向": opens a matchmaking case with the listing's organisation. Only
 * signed-in members of verified organisations may; everyone else is told
 * what they need instead of seeing a button that fails.
 */
export function InterestButton({ kind, listingId, ownerOrgId, title }: { kind: ListingKind; listingId: string; ownerOrgId: string; title: string }) {
  const { t } = useTranslation();
  const { user, hasPermission } = useSession();
  const navigate = useNavigate();
  const fail = useErrorToast();
  const { create } = useCaseMutations();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const here = `/${kind === 'achievement' ? 'achievements' : 'demands'}/${listingId}`;

  if (!user) {
    return (
      <Alert type="info" showIcon data-testid="interest-login" message={t('cases.interest.loginPrompt')}
        action={<Link to={`/login?next=${encodeURIComponent(here)}`}><Button size="small" type="primary">{t('nav.login')}</Button></Link>} />
    );
  }
  if (user.organisation?.id === ownerOrgId) return null;
  if (!hasPermission('create:case')) return null;
  if (!user.organisation || user.organisation.verificationStatus !== 'verified') {
    return <Alert type="warning" showIcon data-testid="interest-unverified" message={t('cases.interest.needVerified')} />;
  }

  const send = async () => {
    try {
      const c = await create.mutateAsync({ origin: 'listing', message: message.trim(), ...(kind === 'achievement' ? { achievementId: listingId } : { demandId: listingId }) });
      setOpen(false);
      navigate(`/console/cases/${c.id}`);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <Button type="primary" size="large" icon={<HeartOutlined />} onClick={() => { setMessage(t('cases.interest.defaultMessage', { title })); setOpen(true); }} data-testid="express-interest">
        {t('cases.interest.button')}
      </Button>
      <Modal open={open} title={t('cases.interest.title')} onCancel={() => setOpen(false)} onOk={() => void send()} confirmLoading={create.isPending}
        okText={t('cases.interest.send')} okButtonProps={{ disabled: message.trim().length === 0, 'data-testid': 'interest-send' } as never} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('cases.interest.hint')}</Typography.Paragraph>
        <Input.TextArea rows={5} maxLength={4000} showCount value={message} onChange={(e) => setMessage(e.target.value)} data-testid="interest-message" />
      </Modal>
    </>
  );
}
