import { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Slider, Switch, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SubscriptionView } from '@shared/contracts/matching.js';
import { useMyListings } from '../../api/hooks/catalog';
import { useSubscriptionHits, useSubscriptionMutations, useSubscriptions } from '../../api/hooks/matching';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { formatDateTime } from '../../components/format';
import { FactorBars } from '../matches/MatchList';

type FormValues = { sourceKind: 'demand' | 'achievement' | 'profile'; target: 'achievement' | 'demand'; sourceId?: string; profileText?: string; threshold: number; emailDigest: 'none' | 'daily' | 'weekly' };

function Hits({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const q = useSubscriptionHits(id ?? undefined);
  const en = i18n.language === 'en';
  return (
    <Drawer open={!!id} onClose={onClose} width={560} title={t('matching.subscriptions.hits')} destroyOnHidden>
      <ErrorAlert error={q.error} />
      {q.data?.items.length === 0 && <Empty description={t('matching.subscriptions.noHits')} />}
      {q.data?.items.map((h) => (
        <div key={h.id} style={{ marginBottom: 16 }} data-testid="subscription-hit">
          <Link to={`/${h.kind === 'achievement' ? 'achievements' : 'demands'}/${h.recordId}`}>{h.title}</Link>{' '}
          <Tag color="gold">{t('matching.relevance')} {Math.round(h.relevance * 100)}%</Tag>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>{en ? h.explanation.summary.en : h.explanation.summary.zh}</Typography.Paragraph>
          <FactorBars item={{ explanation: h.explanation } as never} />
          <Typography.Text type="secondary">{formatDateTime(h.createdAt)}</Typography.Text>
        </div>
      ))}
    </Drawer>
  );
}

/** 匹配订阅: the user's saved interests, their thresholds and digests, hits. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = useSubscriptions();
  const { create, update, remove } = useSubscriptionMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [open, setOpen] = useState(params.has('profile'));
  const [hitsOf, setHitsOf] = useState<string | null>(null);
  const [form] = Form.useForm<FormValues>();
  const sourceKind = Form.useWatch('sourceKind', form);
  const demands = useMyListings('demand', { page: 1, pageSize: 100 });
  const achievements = useMyListings('achievement', { page: 1, pageSize: 100 });

  const save = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        target: v.sourceKind === 'demand' ? 'achievement' : v.target,
        sourceKind: v.sourceKind,
        ...(v.sourceKind === 'profile' ? { profileText: v.profileText } : { sourceId: v.sourceId }),
        threshold: v.threshold / 100,
        emailDigest: v.emailDigest,
      });
      ok(t('matching.subscriptions.saved'));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      fail(e);
    }
  };

  const listingOptions = (sourceKind === 'achievement' ? achievements : demands).data?.items.map((l) => ({ value: l.id, label: l.title })) ?? [];

  return (
    <div data-testid="subscriptions-page">
      <Typography.Title level={3}>{t('matching.subscriptions.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('matching.subscriptions.intro')}</Typography.Paragraph>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="subscription-add" style={{ marginBottom: 12 }}>
        {t('matching.subscriptions.add')}
      </Button>
      <ErrorAlert error={q.error} />
      <Table<SubscriptionView>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('matching.subscriptions.empty') }}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('matching.subscriptions.source'), render: (_, s) => (
            <span>
              <Tag>{t(`matching.subscriptions.sources.${s.sourceKind}`)}</Tag>
              {s.source ? s.source.title : s.profileText}
            </span>
          ) },
          { title: t('matching.subscriptions.target'), render: (_, s) => t(`matching.subscriptions.targets.${s.target}`) },
          { title: t('matching.subscriptions.threshold'), render: (_, s) => `${Math.round(s.threshold * 100)}%` },
          { title: t('matching.subscriptions.digest'), render: (_, s) => (
            <Select size="small" value={s.emailDigest} style={{ width: 120 }} onChange={(emailDigest) => update.mutate({ id: s.id, body: { emailDigest } }, { onError: fail })}
              options={(['none', 'daily', 'weekly'] as const).map((d) => ({ value: d, label: t(`matching.subscriptions.digests.${d}`) }))} />
          ) },
          { title: t('matching.subscriptions.active'), render: (_, s) => (
            <Switch size="small" checked={s.active} onChange={(active) => update.mutate({ id: s.id, body: { active } }, { onError: fail })} data-testid="subscription-active" />
          ) },
          { title: t('matching.subscriptions.hits'), render: (_, s) => <Button size="small" type="link" onClick={() => setHitsOf(s.id)}>{s.hits}</Button> },
          { title: t('matching.subscriptions.lastDigest'), render: (_, s) => formatDateTime(s.lastDigestAt) },
          { title: '', render: (_, s) => (
            <Popconfirm title={t('matching.subscriptions.deleteConfirm')} onConfirm={() => remove.mutate(s.id, { onSuccess: () => ok(t('matching.subscriptions.deleted')), onError: fail })}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('matching.subscriptions.delete')} />
            </Popconfirm>
          ) },
        ]}
      />
      <Modal open={open} title={t('matching.subscriptions.add')} onCancel={() => setOpen(false)} onOk={() => void save()} confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'subscription-save' } as never} destroyOnHidden>
        <Form<FormValues> form={form} layout="vertical" preserve={false}
          initialValues={{ sourceKind: params.has('profile') ? 'profile' : 'demand', target: params.get('target') === 'demand' ? 'demand' : 'achievement', profileText: params.get('profile') ?? undefined, threshold: 50, emailDigest: 'none' }}>
          <Form.Item name="sourceKind" label={t('matching.subscriptions.source')}>
            <Radio.Group optionType="button" options={(['demand', 'achievement', 'profile'] as const).map((k) => ({ value: k, label: t(`matching.subscriptions.sources.${k}`) }))} />
          </Form.Item>
          {sourceKind !== 'demand' && (
            <Form.Item name="target" label={t('matching.subscriptions.target')}>
              <Radio.Group options={(['achievement', 'demand'] as const).map((k) => ({ value: k, label: t(`matching.subscriptions.targets.${k}`) }))} />
            </Form.Item>
          )}
          {sourceKind === 'profile' ? (
            <Form.Item name="profileText" label={t('matching.subscriptions.profileText')} rules={[{ required: true, min: 2 }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount data-testid="subscription-profile" />
            </Form.Item>
          ) : (
            <Form.Item name="sourceId" label={t('matching.subscriptions.sourceId')} rules={[{ required: true }]}>
              <Select options={listingOptions} showSearch optionFilterProp="label" data-testid="subscription-source" />
            </Form.Item>
          )}
          <Form.Item name="threshold" label={t('matching.subscriptions.threshold')}>
            <Slider min={0} max={100} step={5} tooltip={{ formatter: (v) => `${v ?? 0}%` }} />
          </Form.Item>
          <Form.Item name="emailDigest" label={t('matching.subscriptions.digest')}>
            <Radio.Group options={(['none', 'daily', 'weekly'] as const).map((d) => ({ value: d, label: t(`matching.subscriptions.digests.${d}`) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Hits id={hitsOf} onClose={() => setHitsOf(null)} />
    </div>
  );
}
