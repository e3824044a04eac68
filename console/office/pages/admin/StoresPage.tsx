import { App, Button, Card, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../../shared/api.js';
import { authApi, type ConsoleStore } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';

type StoreForm = { id: string; name: string; timezone: string };

export default function StoresPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const stores = useLoad(() => authApi.stores(), []);
  const [form] = Form.useForm<StoreForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (v: StoreForm) => {
    setBusy(true);
    setError(null);
    try {
      await authApi.createStore({ id: v.id.trim(), name: v.name.trim(), timezone: v.timezone.trim() });
      void message.success(t('stores.created', { id: v.id.trim() }));
      form.resetFields();
      stores.reload();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card title={t('stores.new')} size="small" style={{ marginBottom: 16 }}>
        <ErrorAlert error={error} />
        <Form form={form} layout="inline" initialValues={{ timezone: 'Asia/Shanghai' }} onFinish={(v: StoreForm) => void create(v)} data-testid="store-form">
          <Form.Item name="id" label={t('stores.id')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/, message: t('stores.idRule') }]}>
            <Input data-testid="store-id" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="name" label={t('stores.name')} rules={[{ required: true, message: t('common.required') }]}>
            <Input data-testid="store-name" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="timezone" label={t('stores.timezone')} rules={[{ required: true, message: t('common.required') }]}>
            <Input data-testid="store-timezone" style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="store-create">{t('stores.create')}</Button>
        </Form>
      </Card>
      <ErrorAlert error={stores.error} />
      <Table<ConsoleStore>
        data-testid="stores-table"
        rowKey="id"
        size="middle"
        loading={stores.loading}
        dataSource={stores.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('stores.id'), dataIndex: 'id' },
          { title: t('stores.name'), dataIndex: 'name' },
          { title: t('stores.timezone'), dataIndex: 'timezone' },
          { title: t('stores.activeDevices'), dataIndex: 'activeDevices', align: 'right' },
        ]}
      />
    </>
  );
}
