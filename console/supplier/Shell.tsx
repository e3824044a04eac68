import { Button, Drawer, Grid, Layout, Menu, Result, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { LocaleSwitch } from '../shared/LocaleSwitch.js';
import { useT } from './i18n/index.js';
import { Link, navigate, usePath } from './router.js';
import { HOME, PORTAL_PAGES, pageAt } from './routes.js';
import { useSession, type SupplierUser } from './session.js';

/**
 * The signed-in portal: the nav, a header with the supplier, the language and sign-out, and the page. On a phone
 * (narrower than antd's md, 768px) the nav folds into a drawer behind a menu button so the page gets the width.
 */
export function Shell(props: { user: SupplierUser }) {
  const { t } = useT();
  const { signOut } = useSession();
  const path = usePath();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [drawer, setDrawer] = useState(false);
  const found = path === '' || path === 'sign-in' ? null : pageAt(path);
  const section = path.split('/')[0] ?? '';

  useEffect(() => {
    if (path === '' || path === 'sign-in') navigate(HOME, { replace: true });
  }, [path]);
  useEffect(() => setDrawer(false), [path]);

  const title = found ? t(found.page.titleKey, { number: found.param ?? '' }) : '';
  useEffect(() => {
    document.title = `${title ? `${title} · ` : ''}${t('common.appTitle')}`;
  }, [title, t]);

  const menu = (
    <nav aria-label={t('common.nav')}>
      <Menu
        theme={phone ? 'light' : 'dark'}
        mode="inline"
        selectedKeys={[section]}
        data-testid="nav"
        items={PORTAL_PAGES.filter((p) => p.nav).map((p) => ({ key: p.path, label: <Link to={p.path} data-testid={`nav-${p.path}`}>{t(p.titleKey)}</Link> }))}
      />
    </nav>
  );
  const Page = found?.page.component;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#content">{t('common.skipToContent')}</a>
      {!phone && (
        <Layout.Sider width={208} theme="dark">
          <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '18px 20px' }}>{t('common.appTitle')}</div>
          {menu}
        </Layout.Sider>
      )}
      {phone && (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={260} title={t('common.appTitle')} styles={{ body: { padding: 0 } }}>
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{ display: 'flex', alignItems: 'center', gap: phone ? 8 : 16, paddingInline: phone ? 12 : 24, borderBottom: '1px solid #e8e8e8', height: 'auto', minHeight: 64, lineHeight: 'normal', flexWrap: 'wrap' }}
        >
          {phone && <Button aria-label={t('common.menu')} onClick={() => setDrawer(true)} data-testid="nav-open">☰</Button>}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }} data-testid="supplier-name">
            {props.user.name} <Typography.Text type="secondary">({props.user.code})</Typography.Text>
          </Typography.Text>
          <LocaleSwitch size={phone ? 'small' : 'middle'} />
          <Button size={phone ? 'small' : 'middle'} onClick={() => void signOut()} data-testid="sign-out">{t('common.signOut')}</Button>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <main id="content" tabIndex={-1}>
            {Page && found ? (
              <>
                <Typography.Title level={phone ? 4 : 3} style={{ marginTop: 0 }} data-testid="page-title">{title}</Typography.Title>
                <Suspense fallback={<Spin />}>
                  <Page key={path} param={found.param} />
                </Suspense>
              </>
            ) : path === '' ? (
              <Spin />
            ) : (
              <Result status="404" title={t('common.notFound')} data-testid="not-found" />
            )}
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
