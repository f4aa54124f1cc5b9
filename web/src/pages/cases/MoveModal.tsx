import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CLOSE_REASONS, type CloseReason } from '@shared/contracts/matchmaking.js';
import { applyFieldErrors } from '../../api/form-errors';
import { type CaseMove, useCaseMutations } from '../../api/hooks/matchmaking';
import { useErrorToast, useSuccessToast } from '../../components/feedback';

export type ModalMove = Extract<CaseMove, 'accept' | 'decline' | 'negotiate' | 'agree' | 'close'>;
type Values = { text?: string; reason?: CloseReason; note?: string };

/** The form each status move needs: a message, a note, or a reason from the fixed taxonomy. */
export function MoveModal({ caseId, move, onClose }: { caseId: string; move: ModalMove | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const m = useCaseMutations();
  const fail = useErrorToast();
  const ok = useSuccessToast();
  const [reason, setReason] = useState<CloseReason | undefined>();
  if (!move) return null;
  const needsReason = move === 'decline' || move === 'close';
  const submit = async (v: Values) => {
    const body =
      move === 'accept' ? { message: v.text?.trim() || undefined }
      : move === 'negotiate' ? { note: v.text?.trim() || undefined }
      : move === 'agree' ? { note: v.text?.trim() ?? '' }
      : { reason: v.reason!, note: v.note?.trim() || undefined };
    try {
      await m.move.mutateAsync({ move, id: caseId, body });
      ok(t(`cases.moves.${move}Done`));
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) fail(e);
    }
  };
  return (
    <Modal open title={t(`cases.moves.${move}`)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={m.move.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'move-confirm', danger: needsReason } as never}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {needsReason ? (
          <>
            <Form.Item name="reason" label={t('cases.close.reason')} rules={[{ required: true, message: t('cases.close.reasonRequired') }]}>
              <Select data-testid="close-reason" onChange={setReason} options={CLOSE_REASONS.map((r) => ({ value: r, label: t(`cases.closeReasons.${r}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('cases.close.note')} rules={[{ required: reason === 'other', message: t('cases.close.noteRequired') }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="close-note" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="text" label={t(`cases.moves.${move}Field`)} rules={move === 'agree' ? [{ required: true, whitespace: true, message: t('cases.moves.agreeRequired') }] : []} extra={t(`cases.moves.${move}Hint`)}>
            <Input.TextArea rows={4} maxLength={move === 'accept' ? 4000 : 2000} data-testid="move-text" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
