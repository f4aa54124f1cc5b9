import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography, Upload } from 'antd';
import { DatePicker } from '../../components/DistrictDatePicker';
import type { UploadFile } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { SERVICE_CATEGORIES } from '@shared/contracts/commissioners.js';
import { ErrorAlert } from '../../components/feedback';
import { districtNow, fromPicker } from '../../components/district-time';
import { formatDateTime } from '../../components/format';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useMyCommissioner, useMyLogs } from './api';
import { dropFromOutbox, enqueue, fileToDataUrl, flushOutbox, readOutbox, type OutboxEntry } from './outbox';

type Values = { assignmentId: string; category: (typeof SERVICE_CATEGORIES)[number]; what: string; place: string; beneficiaries: string; beneficiaryCount: number; minutes: number; servedAt: Dayjs };

/**
 * A commissioner's phone page: log a service under a current assignment, with
 * photos. Every submission goes through the outbox (see outbox.ts), so it
 * survives a lost signal and is sent once, when the phone is back online.
 */
export function ServiceLogPage() {
  const { t } = useTranslation();
  const me = useMyCommissioner();
  const logs = useMyLogs();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [outbox, setOutbox] = useState<OutboxEntry[]>(readOutbox());
  const [online, setOnline] = useState(navigator.onLine);
  const [notice, setNotice] = useState<'saved' | 'queued' | null>(null);
  const [sending, setSending] = useState(false);

  const flush = useCallback(async () => {
    setSending(true);
    try {
      const r = await flushOutbox();
      if (r.sent > 0) {
        setNotice('saved');
        void qc.invalidateQueries({ queryKey: ['commissioners'] });
      } else if (r.offline) setNotice('queued');
    } finally {
      setOutbox(readOutbox());
      setSending(false);
    }
  }, [qc]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    // Whatever waited from an earlier visit is sent as soon as the page is up.
    const pending = setTimeout(() => {
      if (readOutbox().length > 0 && navigator.onLine) void flush();
    }, 0);
    return () => {
      clearTimeout(pending);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [flush]);

  const current = (me.data?.assignments ?? []).filter((a) => a.current);
  const submit = async (v: Values) => {
    const entry: OutboxEntry = {
      body: {
        idempotencyKey: crypto.randomUUID(),
        assignmentId: v.assignmentId,
        category: v.category,
        what: v.what,
        place: v.place,
        beneficiaries: v.beneficiaries,
        beneficiaryCount: v.beneficiaryCount ?? 0,
        minutes: v.minutes,
        servedAt: fromPicker(v.servedAt),
      },
      photos: await Promise.all(photos.map(async (p) => ({ name: p.name, type: p.type ?? 'image/jpeg', dataUrl: await fileToDataUrl(p.originFileObj as File) }))),
      queuedAt: new Date().toISOString(),
    };
    enqueue(entry);
    form.resetFields();
    setPhotos([]);
    setOutbox(readOutbox());
    if (navigator.onLine) await flush();
    else setNotice('queued');
  };

  const target = (id: string) => {
    const a = me.data?.assignments.find((x) => x.id === id);
    return a?.village ? `${a.village.township.name}${a.village.name}` : (a?.organisation?.name ?? '');
  };

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }} data-testid="service-log-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('commissioners.service.title')}</Typography.Title>
        <Space>
          {!online && <Tag color="orange" data-testid="offline-tag">{t('commissioners.service.offline')}</Tag>}
          <LanguageSwitch />
          <Link to="/console">⌂</Link>
        </Space>
      </Space>
      <ErrorAlert error={me.error} style={{ marginTop: 8 }} />
      {notice === 'saved' && <Alert type="success" showIcon message={t('commissioners.service.saved')} style={{ marginTop: 8 }} data-testid="log-saved" closable onClose={() => setNotice(null)} />}
      {notice === 'queued' && <Alert type="warning" showIcon message={t('commissioners.service.queued')} style={{ marginTop: 8 }} data-testid="log-queued" />}
      {outbox.length > 0 && (
        <Card size="small" style={{ marginTop: 8 }}>
          <Space wrap>
            <Badge count={outbox.length} />
            <span data-testid="outbox-count">{t('commissioners.service.outbox', { count: outbox.length })}</span>
            <Button size="small" loading={sending} onClick={() => void flush()} disabled={!online}>{t('commissioners.service.sendNow')}</Button>
          </Space>
          {outbox.filter((e) => e.error).map((e) => (
            <Alert key={e.body.idempotencyKey} type="error" style={{ marginTop: 8 }} message={`${e.body.what.slice(0, 20)}: ${e.error}`} closable onClose={() => { dropFromOutbox(e.body.idempotencyKey); setOutbox(readOutbox()); }} />
          ))}
        </Card>
      )}
      {me.data && current.length === 0 && <Alert type="info" showIcon message={t('commissioners.service.noAssignment')} style={{ marginTop: 8 }} />}
      {current.length > 0 && (
        <Form form={form} layout="vertical" onFinish={submit} style={{ marginTop: 12 }} initialValues={{ category: 'technical_guidance', servedAt: districtNow(), minutes: 60, beneficiaryCount: 0, assignmentId: current[0]!.id }} data-testid="service-log-form">
          <Form.Item name="assignmentId" label={t('commissioners.service.assignment')} rules={[{ required: true }]}>
            <Select options={current.map((a) => ({ value: a.id, label: `${t(`commissioners.targets.${a.targetKind}`)}：${target(a.id)}` }))} />
          </Form.Item>
          <Form.Item name="category" label={t('commissioners.service.category')} rules={[{ required: true }]}>
            <Select options={SERVICE_CATEGORIES.map((k) => ({ value: k, label: t(`commissioners.service.categories.${k}`) }))} />
          </Form.Item>
          <Form.Item name="what" label={t('commissioners.service.what')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="log-what" />
          </Form.Item>
          <Form.Item name="place" label={t('commissioners.service.place')} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="log-place" />
          </Form.Item>
          <Form.Item name="beneficiaries" label={t('commissioners.service.beneficiaries')} rules={[{ required: true }]}>
            <Input maxLength={1000} data-testid="log-beneficiaries" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="beneficiaryCount" label={t('commissioners.service.beneficiaryCount')} style={{ flex: 1 }}>
              <InputNumber min={0} style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="minutes" label={t('commissioners.service.minutes')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <InputNumber min={1} max={1440} style={{ width: '100%' }} inputMode="numeric" data-testid="log-minutes" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="servedAt" label={t('commissioners.service.servedAt')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly />
          </Form.Item>
          <Form.Item label={t('commissioners.service.photos')}>
            <Upload
              accept="image/*"
              capture="environment"
              listType="picture"
              multiple
              fileList={photos}
              beforeUpload={() => false}
              onChange={({ fileList }) => setPhotos(fileList.slice(0, 9))}
              data-testid="log-photos"
            >
              <Button icon={<CameraOutlined />}>{t('commissioners.service.addPhoto')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={sending} data-testid="log-submit">{t('commissioners.service.save')}</Button>
        </Form>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('commissioners.service.recent')}</Typography.Title>
      <List
        size="small"
        dataSource={logs.data?.items ?? []}
        renderItem={(l) => (
          <List.Item data-testid="recent-log">
            <List.Item.Meta
              title={`${l.village?.name ?? l.organisation?.name ?? ''} · ${t(`commissioners.service.categories.${l.category}`)}`}
              description={`${formatDateTime(l.servedAt)} · ${l.minutes} min · ${l.photos.length} 📷 — ${l.what}`}
            />
          </List.Item>
        )}
      />
    </div>
  );
}
