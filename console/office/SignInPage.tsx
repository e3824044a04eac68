import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../shared/api.js';
import { useT } from '../shared/i18n/index.js';
import { LocaleSwitch } from '../shared/LocaleSwitch.js';
import { useSession } from '../shared/session.js';
import { ErrorAlert } from '../shared/ui.js';

export function SignInPage() {
  const { t } = useT();
  const { signIn } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: { name: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(v.name.trim(), v.password);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 400 }} data-testid="sign-in">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('signIn.title')}
          </Typography.Title>
          <LocaleSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
        <ErrorAlert error={error} />
        <Form layout="vertical" onFinish={(v: { name: string; password: string }) => void submit(v)} requiredMark={false}>
          <Form.Item name="name" label={t('signIn.name')} rules={[{ required: true, message: t('signIn.nameRequired') }]}>
            <Input autoFocus autoComplete="username" data-testid="sign-in-name" />
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
