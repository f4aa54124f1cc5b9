import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PASSWORD_PROBLEM_TEXT, passwordProblems, type PasswordProblem } from '@shared/password-policy.js';

const SHOWN: PasswordProblem[] = ['too_short', 'too_simple', 'common', 'contains_username'];

export function policyText(p: PasswordProblem, lang: string): string {
  return PASSWORD_PROBLEM_TEXT[p][lang === 'en' ? 'en' : 'zh'];
}

/** Live checklist of the shared password policy under a password field. */
export function PasswordRules({ password, username }: { password: string | undefined; username?: string }) {
  const { t, i18n } = useTranslation();
  const pw = password ?? '';
  const problems = new Set(passwordProblems(pw, username));
  const shown = SHOWN.filter((p) => p !== 'contains_username' || (username && username.length >= 3));
  return (
    <div style={{ margin: '-8px 0 16px' }} data-testid="password-rules" aria-live="polite">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('password.rulesTitle')}
      </Typography.Text>
      <ul style={{ listStyle: 'none', padding: 0, margin: '4px 0 0', fontSize: 12 }}>
        {shown.map((p) => {
          const ok = pw.length > 0 && !problems.has(p);
          return (
            <li key={p} style={{ color: ok ? '#389e0d' : pw ? '#cf1322' : 'rgba(0,0,0,0.45)' }}>
              {ok ? <CheckCircleFilled /> : <CloseCircleFilled />}{' '}
              {/* The shared text for 'common' reads as a complaint; as a checklist item it needs a rule. */}
              {p === 'common' ? t('password.notCommon') : policyText(p, i18n.language)}
            </li>
          );
        })}
        {problems.has('too_long') && (
          <li style={{ color: '#cf1322' }}>
            <CloseCircleFilled /> {policyText('too_long', i18n.language)}
          </li>
        )}
      </ul>
    </div>
  );
}

/** Form rule: reject a password the policy would reject, naming the first problem. */
export function passwordPolicyRule(lang: string, username?: () => string | undefined) {
  return {
    validator: (_: unknown, value: string | undefined) => {
      if (!value) return Promise.resolve();
      const first = passwordProblems(value, username?.())[0];
      return first ? Promise.reject(new Error(policyText(first, lang))) : Promise.resolve();
    },
  };
}
