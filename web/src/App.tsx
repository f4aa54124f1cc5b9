import { useEffect, useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { createRouter } from './router';
import { setNavigator } from './session/navigation';

const THEME = { token: { colorPrimary: '#1677ff', borderRadius: 6 } };

export function App() {
  const { i18n } = useTranslation();
  const [router] = useState(createRouter);
  useEffect(() => setNavigator((to, opts) => void router.navigate(to, opts)), [router]);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
