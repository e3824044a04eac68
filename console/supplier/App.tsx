import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { consoleTheme } from '../shared/theme.js';
import { ChangePasswordPage } from './ChangePasswordPage.js';
import { useT } from './i18n/index.js';
import { SessionProvider, useSession } from './session.js';
import { Shell } from './Shell.js';
import { SignInPage } from './SignInPage.js';

export function App() {
  const { locale } = useT();
  return (
    <ConfigProvider theme={consoleTheme} locale={locale === 'en' ? enUS : zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * Nobody signed in: the sign-in page. Signed in with the chain's password: the password change, and nothing else
 * (the server refuses everything else until then). The address is kept throughout, so a deep link opens after it.
 */
function Gate() {
  const { user } = useSession();
  if (user === undefined) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  if (!user) return <SignInPage />;
  if (user.mustChangePassword) return <ChangePasswordPage user={user} />;
  return <Shell user={user} />;
}
