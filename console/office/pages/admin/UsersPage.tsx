import { Alert, App, Button, Card, Form, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../../shared/api.js';
import { authApi, CONSOLE_PASSWORD_MIN, CONSOLE_ROLES, type ConsoleRole, type ConsoleUserView } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { useUser } from '../../../shared/session.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';

type UserForm = { name: string; password?: string; role: ConsoleRole; storeIds?: string[] };

/** Head-office users: admin, finance, store managers (their stores, read only). */
export default function UsersPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const me = useUser();
  const users = useLoad(() => authApi.users(), []);
  const stores = useLoad(() => authApi.stores(), []);
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<ApiError | null>(null);
  const [generated, setGenerated] = useState<{ name: string; password: string } | null>(null);

  const create = async (v: UserForm) => {
    setError(null);
    setGenerated(null);
    try {
      const password = v.password ? v.password : undefined;
      const r = await authApi.createUser({ name: v.name.trim(), role: v.role, storeIds: v.role === 'manager' ? (v.storeIds ?? []) : [], ...(password ? { password } : {}) });
      if (r.generatedPassword) setGenerated({ name: r.user.name, password: r.generatedPassword });
      void message.success(t('users.created', { name: r.user.name }));
      form.resetFields();
      users.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  const setDisabled = async (u: ConsoleUserView, disabled: boolean) => {
    setError(null);
    try {
      await authApi.updateUser(u.id, { disabled });
      users.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <>
      <Card title={t('users.new')} size="small" style={{ marginBottom: 16 }}>
        <ErrorAlert error={error} />
        {generated && (
          <Alert
            type="warning"
            style={{ marginBottom: 12 }}
            title={t('users.generated', { name: generated.name })}
            description={<Typography.Text code copyable>{generated.password}</Typography.Text>}
          />
        )}
        <Form form={form} layout="inline" initialValues={{ role: 'finance' }} onFinish={(v: UserForm) => void create(v)}>
          <Form.Item name="name" label={t('users.name')} rules={[{ required: true, message: t('common.required') }]}>
            <Input style={{ width: 140 }} autoComplete="off" data-testid="user-new-name" />
          </Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ min: CONSOLE_PASSWORD_MIN, message: t('users.passwordRule', { n: CONSOLE_PASSWORD_MIN }) }]}>
            <Input.Password style={{ width: 170 }} autoComplete="new-password" placeholder={t('users.passwordBlank')} data-testid="user-new-password" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <Select style={{ width: 130 }} options={CONSOLE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          {role === 'manager' && (
            <Form.Item name="storeIds" label={t('users.stores')} rules={[{ required: true, message: t('common.required') }]}>
              <Select mode="multiple" style={{ minWidth: 180 }} options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.id }))} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" data-testid="user-create">{t('users.create')}</Button>
        </Form>
      </Card>
      <ErrorAlert error={users.error} />
      <Table<ConsoleUserView>
        data-testid="users-table"
        rowKey="id"
        size="middle"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('users.name'), dataIndex: 'name' },
          { title: t('users.role'), dataIndex: 'role', render: (r: ConsoleRole) => <Tag color="blue">{t(`roles.${r}`)}</Tag> },
          { title: t('users.stores'), dataIndex: 'storeIds', render: (ids: string[]) => (ids.length ? ids.join(', ') : t('users.allStores')) },
          {
            title: t('users.enabled'),
            dataIndex: 'disabled',
            render: (d: boolean, u: ConsoleUserView) => (
              <Switch checked={!d} disabled={u.id === me.id} aria-label={t('users.enabled')} onChange={(on) => void setDisabled(u, !on)} />
            ),
          },
        ]}
      />
    </>
  );
}
