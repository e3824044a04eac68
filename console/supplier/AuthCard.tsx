import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LocaleSwitch } from '../shared/LocaleSwitch.js';
import { useT } from './i18n/index.js';

/** The frame of the sign-in and the password change: the portal's name, the language, the form; phone-wide too. */
export function AuthCard(props: { title: string; testId: string; children: ReactNode }) {
  const { t } = useT();
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', padding: 16, boxSizing: 'border-box' }}>
      <Card style={{ width: '100%', maxWidth: 420 }} data-testid={props.testId}>
        <Typography.Text type="secondary">{t('common.chain')} · {t('common.appTitle')}</Typography.Text>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, margin: '8px 0 16px', flexWrap: 'wrap' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          <LocaleSwitch />
        </div>
        {props.children}
      </Card>
    </main>
  );
}
