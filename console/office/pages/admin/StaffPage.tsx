import { App, Button, Card, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { ROLES } from '../../../../sync/model/permissions.js';
import { toApiError, type ApiError } from '../../../shared/api.js';
import { authApi, type StaffView } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';
import { StoreSelect } from '../../StoreSelect.js';

type StaffForm = { id: string; name: string; roles: string[]; pin?: string; active: boolean };

/** A store's operators (the terminal's staff): who they are, their roles, a new PIN, active or not. */
export default function StaffPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const staff = useLoad(() => (storeId ? authApi.staff(storeId) : Promise.resolve([])), [storeId]);
  const [form] = Form.useForm<StaffForm>();
  const [error, setError] = useState<ApiError | null>(null);

  const save = async (v: StaffForm) => {
    if (!storeId) return;
    setError(null);
    try {
      const pin = v.pin?.trim();
      await authApi.putStaff(storeId, [{ id: v.id.trim(), name: v.name.trim(), roles: v.roles, active: v.active, ...(pin ? { pin } : {}) }]);
      void message.success(t('staff.saved', { name: v.name.trim() }));
      form.resetFields();
      staff.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };

  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <StoreSelect value={storeId} onChange={setStoreId} testId="staff-store" />
      </div>
      {storeId && (
        <Card title={t('staff.edit')} size="small" style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
          <Form form={form} layout="inline" initialValues={{ active: true, roles: ['picker'] }} onFinish={(v: StaffForm) => void save(v)}>
            <Form.Item name="id" label={t('staff.id')} rules={[{ required: true, message: t('common.required') }]}>
              <Input style={{ width: 110 }} data-testid="staff-id" />
            </Form.Item>
            <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, message: t('common.required') }]}>
              <Input style={{ width: 140 }} data-testid="staff-name" />
            </Form.Item>
            <Form.Item name="roles" label={t('staff.roles')} rules={[{ required: true, message: t('common.required') }]}>
              <Select mode="multiple" style={{ minWidth: 200 }} options={ROLES.map((r) => ({ value: r, label: t(`staffRoles.${r}`) }))} />
            </Form.Item>
            <Form.Item name="pin" label={t('staff.pin')} rules={[{ pattern: /^\d{4,8}$/, message: t('staff.pinRule') }]}>
              <Input.Password style={{ width: 110 }} autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="active" label={t('staff.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="staff-save">{t('common.save')}</Button>
          </Form>
        </Card>
      )}
      <ErrorAlert error={staff.error} />
      <Table<StaffView>
        data-testid="staff-table"
        rowKey="id"
        size="middle"
        loading={staff.loading}
        dataSource={staff.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onDoubleClick: () => form.setFieldsValue({ id: r.id, name: r.name, roles: r.roles, active: r.active }) })}
        columns={[
          { title: t('staff.id'), dataIndex: 'id' },
          { title: t('staff.name'), dataIndex: 'name' },
          { title: t('staff.roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{(ROLES as readonly string[]).includes(r) ? t(`staffRoles.${r as (typeof ROLES)[number]}`) : r}</Tag>) },
          { title: t('staff.active'), dataIndex: 'active', render: (a: boolean) => (a ? t('common.yes') : t('common.no')) },
        ]}
      />
    </>
  );
}
