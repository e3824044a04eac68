import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useT } from '../shared/i18n/index.js';
import { SessionProvider, useSession } from '../shared/session.js';
import { consoleTheme } from '../shared/theme.js';
import { Shell } from './Shell.js';
import { SignInPage } from './SignInPage.js';

export function App() {
  const { locale } = useT();
  return (
    <ConfigProvider theme={consoleTheme} locale={locale === 'en' ? enUS : zhCN}>
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Nobody signed in: the sign-in page, whatever the address; the address is kept, so a deep link opens after it. */
function Gate() {
  const { user } = useSession();
  if (user === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  return user ? <Shell user={user} /> : <SignInPage />;
}
