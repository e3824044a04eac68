import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { SUPPLIER_PASSWORD_MIN, supplierPasswordRefusal, type SupplierPasswordRefusal } from '../../sync/protocol/supplier.js';
import { toApiError, type ApiError } from '../shared/api.js';
import { ErrorAlert } from '../shared/ui.js';
import { supplierApi } from './api.js';
import { AuthCard } from './AuthCard.js';
import { useT } from './i18n/index.js';
import { sessionOf, useSession, type SupplierUser } from './session.js';

interface Fields {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/**
 * The forced change at the first sign-in (or after the chain reset the password): nothing else opens until it is
 * done. The rules are the server's own (supplierPasswordRefusal), checked here first only to explain them.
 */
export function ChangePasswordPage(props: { user: SupplierUser }) {
  const { t } = useT();
  const { message } = App.useApp();
  const { update, signOut } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const refusalText = (r: SupplierPasswordRefusal) => t(`password.refusals.${r}`, { min: SUPPLIER_PASSWORD_MIN });

  const submit = async (v: Fields) => {
    setBusy(true);
    setError(null);
    try {
      const s = await supplierApi.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('password.done'));
      update(sessionOf(s));
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  const reason = error?.code === 'SUPPLIER_PASSWORD_REJECTED' && typeof error.details.reason === 'string' ? error.details.reason : null;

  return (
    <AuthCard title={t('password.title')} testId="change-password">
      <Typography.Paragraph>{t('password.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {props.user.name} ({props.user.code}) · {t('password.rule', { min: SUPPLIER_PASSWORD_MIN })}
      </Typography.Paragraph>
      <ErrorAlert error={error} extra={reason ? refusalText(reason as SupplierPasswordRefusal) : undefined} />
      <Form layout="vertical" onFinish={(v: Fields) => void submit(v)} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
          <Input.Password autoFocus autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          dependencies={['currentPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                const current = getFieldValue('currentPassword') as string | undefined;
                const r = supplierPasswordRefusal(value ?? '', props.user.code, current || undefined);
                if (r) throw new Error(refusalText(r));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
          {t('password.submit')}
        </Button>
        <Button type="link" block onClick={() => void signOut()} style={{ marginTop: 8 }} data-testid="sign-out">
          {t('common.signOut')}
        </Button>
      </Form>
    </AuthCard>
  );
}
