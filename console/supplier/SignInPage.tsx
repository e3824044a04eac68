import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../shared/api.js';
import { dateTime } from '../shared/format.js';
import { ErrorAlert } from '../shared/ui.js';
import { AuthCard } from './AuthCard.js';
import { useT } from './i18n/index.js';
import { useSession } from './session.js';

interface Fields {
  supplierCode: string;
  password: string;
}

export function SignInPage() {
  const { t } = useT();
  const { signIn } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      await signIn({ supplierCode: v.supplierCode.trim(), password: v.password });
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  const lockedUntil = typeof error?.details.lockedUntil === 'string' ? error.details.lockedUntil : null;

  return (
    <AuthCard title={t('signIn.title')} testId="sign-in">
      <Typography.Paragraph type="secondary">{t('signIn.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} extra={lockedUntil ? t('signIn.lockedUntil', { time: dateTime(lockedUntil) }) : undefined} />
      <Form layout="vertical" onFinish={(v: Fields) => void submit(v)} requiredMark={false}>
        <Form.Item name="supplierCode" label={t('signIn.supplierCode')} rules={[{ required: true, whitespace: true, message: t('signIn.codeRequired') }]}>
          <Input autoFocus autoComplete="username" autoCapitalize="characters" data-testid="sign-in-code" />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="sign-in-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
        {t('signIn.firstTime')}
      </Typography.Paragraph>
    </AuthCard>
  );
}
