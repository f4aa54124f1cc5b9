import { useMemo, useState } from 'react';
import { Alert, Button, Flex, Form, Grid, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listingQuality } from '@shared/catalog/quality.js';
import type { ListingKind } from '@shared/contracts/catalog-content.js';
import { useListingMutations, useListingRecord, type ListingRecord } from '../../api/hooks/catalog';
import { ListingStatusTag } from '../../catalog/StatusTag';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { PageTitle } from '../../components/PageTitle';
import { ListingActions } from '../my-listings/ListingActions';
import { AchievementSections } from './AchievementSections';
import { DemandSections } from './DemandSections';
import { showServerErrors, toDraft, toValues, type EditorValues } from './form-model';
import { QualityPanel } from './QualityPanel';
import { RevisionHistory } from './RevisionHistory';

/** Create or edit an achievement or a demand: one page, sections of the registration form. */
export function ListingEditor({ kind }: { kind: ListingKind }) {
  const { id } = useParams();
  const record = useListingRecord(kind, id);
  if (id && !record.data) {
    return (
      <>
        <ErrorAlert error={record.error} />
        {record.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
      </>
    );
  }
  // Remount when the record changes identity so the form starts from its values.
  return <EditorForm key={id ?? 'new'} kind={kind} record={record.data ?? null} />;
}

function EditorForm({ kind, record }: { kind: ListingKind; record: ListingRecord | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg === true;
  const [form] = Form.useForm<EditorValues>();
  const m = useListingMutations(kind);
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [leftover, setLeftover] = useState<{ path: string; message: string }[]>([]);
  const initial = useMemo(() => toValues(kind, record?.working), [kind, record]);
  const values = Form.useWatch((v: EditorValues) => v, { form, preserve: true });
  const quality = listingQuality(kind, toDraft(kind, values ?? initial));
  const base = kind === 'achievement' ? 'achievements' : 'demands';
  const editable = !record || record.actions.includes('update');
  const lastReturned = record?.revisions.filter((r) => r.status === 'returned').sort((a, b) => b.number - a.number)[0];
  const showReturned = !!lastReturned && (record?.status === 'returned' || record?.pending?.status === 'returned' || record?.pending?.id === lastReturned.id);

  /** Save the working revision; a new listing is created first. Returns the saved record. */
  const save = async (): Promise<ListingRecord | null> => {
    setLeftover([]);
    try {
      await form.validateFields(['title']);
    } catch {
      return null;
    }
    const body = toDraft(kind, form.getFieldsValue(true) as EditorValues) as never;
    try {
      if (!record) {
        const created = await m.create.mutateAsync(body);
        navigate(`/console/${base}/${created.id}/edit`, { replace: true });
        return created;
      }
      return await m.save.mutateAsync({ id: record.id, body });
    } catch (e) {
      const rest = showServerErrors(form, e);
      setLeftover(rest);
      fail(e);
      return null;
    }
  };

  const saveDraft = async () => {
    if (await save()) ok(t('catalog.editor.savedDraft'));
  };

  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      fail(new Error(t('catalog.editor.fixErrors')));
      return;
    }
    const saved = await save();
    if (!saved) return;
    try {
      await m.submit.mutateAsync(saved.id);
      ok(t('catalog.actions.submitted'));
      navigate(`/console/${base}`);
    } catch (e) {
      setLeftover(showServerErrors(form, e));
      fail(e);
    }
  };

  const busy = m.create.isPending || m.save.isPending || m.submit.isPending;
  const canSubmit = !record || record.actions.includes('submit') || record.actions.includes('update');

  return (
    <>
      <PageTitle
        title={
          <Space wrap>
            {t(record ? (kind === 'achievement' ? 'catalog.editor.editAchievement' : 'catalog.editor.editDemand') : kind === 'achievement' ? 'catalog.editor.newAchievement' : 'catalog.editor.newDemand')}
            {record && <ListingStatusTag status={record.status} />}
          </Space>
        }
        extra={record && <ListingActions kind={kind} id={record.id} actions={record.actions} status={record.status} showEdit={false} size="middle" />}
      />
      {record?.status === 'published' && record.pending && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('catalog.editor.pendingEdit')} data-testid="pending-edit-note" />
      )}
      {showReturned && lastReturned && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('catalog.editor.returnedTitle')} description={lastReturned.reviewNote ?? ''} data-testid="returned-note" />
      )}
      {record && !editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('catalog.editor.readOnly')} />}
      {leftover.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('catalog.editor.serverErrors')}
          description={<ul className="cg-plain-list">{leftover.map((f) => <li key={f.path}><code>{f.path}</code> {f.message}</li>)}</ul>}
          data-testid="server-errors"
        />
      )}
      <Flex gap={16} align="flex-start" vertical={!wide}>
        {!wide && <QualityPanel kind={kind} quality={quality} />}
        <Flex vertical gap={16} style={{ flex: 1, minWidth: 0, width: '100%' }}>
        <Form form={form} layout="vertical" initialValues={initial} disabled={!editable} scrollToFirstError data-testid="listing-form">
          <Flex vertical gap={16}>
            {kind === 'achievement' ? <AchievementSections /> : <DemandSections />}
            {editable && (
              <Flex gap={8} wrap className="cg-editor-actions">
                <Button onClick={saveDraft} loading={busy} data-testid="editor-save">{t('catalog.editor.saveDraft')}</Button>
                {canSubmit && <Button type="primary" onClick={submit} loading={busy} data-testid="editor-submit">{t('catalog.editor.submit')}</Button>}
                <Button type="text" onClick={() => navigate(`/console/${base}`)}>{t('common.back')}</Button>
              </Flex>
            )}
          </Flex>
        </Form>
        {record && <RevisionHistory kind={kind} record={record} />}
        </Flex>
        {wide && (
          <aside className="cg-sticky-side">
            <QualityPanel kind={kind} quality={quality} />
          </aside>
        )}
      </Flex>
    </>
  );
}
