import { Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@shared/roles.js';
import { useUpdateMe } from '../api/hooks/session';
import { applyLocale, rememberLocale } from '../i18n';
import { useSession } from '../session/SessionContext';
import { useErrorToast } from './feedback';

/** Signed-in users keep their language on the server; visitors in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const updateMe = useUpdateMe();
  const showError = useErrorToast();
  const queryClient = useQueryClient();

  // Server-rendered texts (notifications, error messages) follow the language,
  // so cached answers are refetched once the server knows the new one.
  const change = (l: Locale) => {
    rememberLocale(l);
    applyLocale(l);
    if (user) updateMe.mutate({ locale: l }, { onError: showError, onSuccess: () => void queryClient.invalidateQueries() });
    else void queryClient.invalidateQueries();
  };

  return (
    <Select<Locale>
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      size="small"
      variant="borderless"
      value={i18n.language === 'en' ? 'en' : 'zh-CN'}
      onChange={change}
      popupMatchSelectWidth={false}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      style={{ minWidth: 84 }}
    />
  );
}
