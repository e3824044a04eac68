import { Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useEffect } from 'react';
import type { ConsoleUser } from '../shared/auth-api.js';
import { useT } from '../shared/i18n/index.js';
import { LocaleSwitch } from '../shared/LocaleSwitch.js';
import { useSession } from '../shared/session.js';
import { Link, navigate, usePath } from './router.js';
import { NAV_GROUPS, homeOf, pageAt, pagesFor } from './routes.js';

/** The signed-in console: the nav (only the pages the role may use, from routes.tsx), a header, the page. */
export function Shell(props: { user: ConsoleUser }) {
  const { t } = useT();
  const { signOut } = useSession();
  const path = usePath();
  const { role } = props.user;
  const pages = pagesFor(role).filter((p) => !p.hidden);
  const atStart = path === '' || path === 'sign-in';
  const found = atStart ? null : pageAt(path, role);

  useEffect(() => {
    // The start page (or the sign-in address after signing in) goes to the role's first page.
    if (atStart) navigate(homeOf(role), { replace: true });
  }, [atStart, role]);

  const items = NAV_GROUPS.flatMap((g) => {
    const children = pages.filter((p) => p.group === g.id);
    if (children.length === 0) return [];
    return [{
      type: 'group' as const,
      key: g.id,
      label: t(g.titleKey),
      children: children.map((p) => ({ key: p.path, label: <Link to={p.path} data-testid={`nav-${p.path}`}>{t(p.titleKey)}</Link> })),
    }];
  });

  const Page = found && found !== 'forbidden' ? found.component : null;
  useEffect(() => {
    document.title = `${found && found !== 'forbidden' ? `${t(found.titleKey)} · ` : ''}${t('common.appTitle')}`;
  }, [found, t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The nav keeps its place while a long page scrolls, and scrolls on its own when it is the longer one. */}
      <Layout.Sider width={208} theme="dark" breakpoint="lg" style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}>
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '18px 20px' }}>{t('common.appTitle')}</div>
        <nav aria-label={t('common.nav')}>
          <Menu theme="dark" mode="inline" selectedKeys={[path]} items={items} data-testid="nav" />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 16, paddingInline: 24, borderBottom: '1px solid #e8e8e8' }}>
          <Space>
            <Typography.Text strong data-testid="user-name">{props.user.name}</Typography.Text>
            <Tag color="blue" data-testid="user-role">{t(`roles.${role}`)}</Tag>
          </Space>
          <LocaleSwitch />
          <Button onClick={() => void signOut()} data-testid="sign-out">{t('common.signOut')}</Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            {found === 'forbidden' ? (
              <Result status="403" title={t('common.forbidden')} data-testid="forbidden" />
            ) : Page && found ? (
              <>
                <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="page-title">{t(found.titleKey)}</Typography.Title>
                <Suspense fallback={<Spin />}>
                  <Page />
                </Suspense>
              </>
            ) : atStart ? (
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
