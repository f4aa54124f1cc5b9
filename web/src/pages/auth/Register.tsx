import { Button, Col, Divider, Form, Input, Row, Select, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SELF_REGISTERING_ORG_TYPES } from '@shared/roles.js';
import { creditCodeProblem, normaliseCreditCode } from '@shared/credit-code.js';
import type { BodyOf } from '@shared/contracts/endpoint.js';
import type { identity } from '@shared/contracts/index.js';
import { useRegister } from '../../api/hooks/session';
import { applyFieldErrors } from '../../api/form-errors';
import { ErrorAlert, useSuccessToast } from '../../components/feedback';
import { PasswordFields } from '../../components/PasswordFields';
import { useOrgTypeName } from '../../components/Tags';
import { AuthCard } from './AuthCard';

type Values = BodyOf<typeof identity.register>;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
const PHONE = /^\+?[0-9-]{6,20}$/;

export function Register() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const orgTypeName = useOrgTypeName();
  const register = useRegister();
  const success = useSuccessToast();
  const [form] = Form.useForm<Values>();
  const creditCode = Form.useWatch(['organisation', 'creditCode'], form) as string | undefined;
  const creditOk = !!creditCode && creditCodeProblem(creditCode) === null;

  const submit = (v: Values) => {
    // Optional fields left empty must be absent, not "", or the server rejects them.
    const body: Values = {
      organisation: { ...v.organisation, regionCode: v.organisation.regionCode || undefined, address: v.organisation.address || undefined },
      user: {
        username: v.user.username,
        displayName: v.user.displayName,
        email: v.user.email,
        phone: v.user.phone || undefined,
        password: v.user.password,
      },
    };
    register.mutate(body, {
      onSuccess: () => {
        success(t('auth.register.done'));
        navigate('/console', { replace: true });
      },
      onError: (e) => applyFieldErrors(form, e),
    });
  };

  const req = { required: true, message: t('validation.required') };
  return (
    <AuthCard title={t('auth.register.title')} wide>
      <Typography.Paragraph type="secondary">{t('auth.register.intro')}</Typography.Paragraph>
      <ErrorAlert error={register.error} />
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Divider orientation="left" plain>
          {t('auth.register.orgSection')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={['organisation', 'type']} label={t('auth.register.orgType')} rules={[req]}>
              <Select
                data-testid="reg-org-type"
                options={SELF_REGISTERING_ORG_TYPES.map((o) => ({ value: o, label: orgTypeName(o) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['organisation', 'name']} label={t('auth.register.orgName')} rules={[req, { min: 2, max: 100 }]}>
              <Input data-testid="reg-org-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['organisation', 'creditCode']}
              label={t('auth.register.creditCode')}
              normalize={(v: string) => normaliseCreditCode(v ?? '')}
              validateFirst
              hasFeedback
              extra={creditOk ? undefined : t('creditCode.hint')}
              rules={[
                req,
                {
                  validator: (_, v: string | undefined) => {
                    if (!v) return Promise.resolve();
                    const p = creditCodeProblem(v);
                    return p ? Promise.reject(new Error(t(`creditCode.${p}`))) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="reg-credit-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={['organisation', 'regionCode']}
              label={t('auth.register.regionCode')}
              extra={t('auth.register.regionCodeHint')}
              rules={[{ pattern: /^\d{6}$/, message: t('validation.regionCode') }]}
            >
              <Input maxLength={6} inputMode="numeric" data-testid="reg-region-code" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name={['organisation', 'address']} label={t('auth.register.address')} rules={[{ max: 200 }]}>
              <Input data-testid="reg-address" />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('auth.register.adminSection')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name={['user', 'username']}
              label={t('auth.register.username')}
              normalize={(v: string) => (v ?? '').trim().toLowerCase()}
              rules={[req, { pattern: USERNAME, message: t('validation.username') }]}
            >
              <Input autoComplete="username" data-testid="reg-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['user', 'displayName']} label={t('auth.register.displayName')} rules={[req, { max: 60 }]}>
              <Input autoComplete="name" data-testid="reg-display-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['user', 'email']} label={t('auth.register.email')} rules={[req, { type: 'email', message: t('validation.email') }]}>
              <Input autoComplete="email" data-testid="reg-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['user', 'phone']} label={t('auth.register.phone')} rules={[{ pattern: PHONE, message: t('validation.phone') }]}>
              <Input autoComplete="tel" data-testid="reg-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <PasswordFields
              name={['user', 'password']}
              username={['user', 'username']}
              label={t('auth.register.password')}
              confirmLabel={t('auth.register.passwordConfirm')}
              testIds={{ password: 'reg-password', confirm: 'reg-password-confirm' }}
            />
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" block size="large" loading={register.isPending} data-testid="reg-submit">
          {t('auth.register.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16 }}>
        {t('auth.register.haveAccount')} <Link to="/login">{t('auth.login.submit')}</Link>
      </div>
    </AuthCard>
  );
}
