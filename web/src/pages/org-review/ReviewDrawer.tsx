import { useState } from 'react';
import { Button, Drawer, Form, Input, Modal, Popconfirm, Space } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganisationView } from '@shared/contracts/organisations.js';
import { ORG_ACTIONS, allows } from '../../api/actions';
import { useVerifyOrganisation } from '../../api/hooks/organisations';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useErrorToast, useSuccessToast } from '../../components/feedback';
import { OrgDescriptions } from '../organisation/OrgDetails';

export function ReviewDrawer({ org, onClose }: { org: OrganisationView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyOrganisation();
  const ok = useSuccessToast();
  const fail = useErrorToast();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  // The server decides which statuses still await a decision; its 'verify' action says so.
  const canDecide = allows(org, ORG_ACTIONS.verify);

  const decide = (decision: 'verified' | 'rejected', note?: string) => {
    if (!org) return Promise.resolve();
    return verify.mutateAsync({ id: org.id, decision, note }).then(() => {
      ok(t(decision === 'verified' ? 'review.verified' : 'review.rejected'));
      setRejecting(false);
      onClose();
    });
  };

  return (
    <Drawer
      open={!!org}
      onClose={onClose}
      title={org?.name}
      width={Math.min(640, window.innerWidth)}
      data-testid="org-drawer"
      footer={
        canDecide ? (
          <Space wrap>
            <Popconfirm
              title={t('review.verifyConfirm')}
              onConfirm={() => decide('verified').catch(fail)}
              okText={t('review.verify')}
              okButtonProps={{ 'data-testid': 'org-verify-confirm' } as ButtonProps}
            >
              <Button type="primary" loading={verify.isPending} data-testid="org-verify">
                {t('review.verify')}
              </Button>
            </Popconfirm>
            <Button danger onClick={() => setRejecting(true)} data-testid="org-reject">
              {t('review.reject')}
            </Button>
          </Space>
        ) : null
      }
    >
      {org && <OrgDescriptions org={org} />}
      <Modal
        open={rejecting}
        title={t('review.rejectTitle')}
        okText={t('review.reject')}
        okButtonProps={{ danger: true, 'data-testid': 'org-reject-confirm' } as ButtonProps}
        confirmLoading={verify.isPending}
        onOk={() => form.submit()}
        onCancel={() => setRejecting(false)}
        destroyOnHidden
      >
        <ErrorAlert error={verify.error} />
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => decide('rejected', v.note).catch((e: unknown) => applyFieldErrors(form, e) || fail(e))}
        >
          <Form.Item
            name="note"
            label={t('review.rejectNote')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 500 }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="org-reject-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
