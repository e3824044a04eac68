import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../sync/model/permissions.js';
import { toApiError, type ApiError } from '../../../shared/api.js';
import { authApi, type ConsoleOperator } from '../../../shared/auth-api.js';
import { useT } from '../../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../../shared/ui.js';
import { StoreSelect } from '../../StoreSelect.js';

type StaffForm = { id: string; name: string; roles: Role[]; pin: string; badge?: string };
const PIN_RULE = /^\d{4,8}$/;

/** A store's operators (the terminals' staff): add one with a PIN, reset a PIN, deactivate. */
export default function StaffPage() {
  const { t } = useT();
  const { message } = App.useApp();
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const staff = useLoad(() => (storeId ? authApi.staff(storeId) : Promise.resolve([])), [storeId]);
  const [form] = Form.useForm<StaffForm>();
  const [error, setError] = useState<ApiError | null>(null);
  const [pinFor, setPinFor] = useState<ConsoleOperator | null>(null);
  const [newPin, setNewPin] = useState('');

  const act = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await what();
      void message.success(done);
      staff.reload();
      return true;
    } catch (err) {
      setError(toApiError(err));
      return false;
    }
  };

  const create = async (v: StaffForm) => {
    if (!storeId) return;
    const badge = v.badge?.trim();
    const ok = await act(() => authApi.createOperator(storeId, { id: v.id.trim(), name: v.name.trim(), roles: v.roles, pin: v.pin, ...(badge ? { badge } : {}) }), t('staff.saved', { name: v.name.trim() }));
    if (ok) form.resetFields();
  };

  const resetPin = async () => {
    if (!storeId || !pinFor || !PIN_RULE.test(newPin)) return;
    const ok = await act(() => authApi.resetPin(storeId, pinFor.id, { pin: newPin }), t('staff.pinReset', { name: pinFor.name }));
    if (ok) {
      setPinFor(null);
      setNewPin('');
    }
  };

  const roleLabel = (r: string) => ((ROLES as readonly string[]).includes(r) ? t(`staffRoles.${r as Role}`) : r);

  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <StoreSelect value={storeId} onChange={setStoreId} testId="staff-store" />
      </div>
      <ErrorAlert error={error ?? staff.error} />
      {storeId && (
        <Card title={t('staff.new')} size="small" style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" initialValues={{ roles: ['picker'] }} onFinish={(v: StaffForm) => void create(v)}>
            <Form.Item name="id" label={t('staff.id')} rules={[{ required: true, message: t('common.required') }]}>
              <Input style={{ width: 110 }} data-testid="staff-id" />
            </Form.Item>
            <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, message: t('common.required') }]}>
              <Input style={{ width: 130 }} data-testid="staff-name" />
            </Form.Item>
            <Form.Item name="roles" label={t('staff.roles')} rules={[{ required: true, message: t('common.required') }]}>
              <Select mode="multiple" style={{ minWidth: 180 }} options={ROLES.map((r) => ({ value: r, label: t(`staffRoles.${r}`) }))} />
            </Form.Item>
            <Form.Item name="pin" label={t('staff.pin')} rules={[{ required: true, pattern: PIN_RULE, message: t('staff.pinRule') }]}>
              <Input.Password style={{ width: 110 }} autoComplete="new-password" data-testid="staff-pin" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="staff-save">{t('staff.add')}</Button>
          </Form>
        </Card>
      )}
      <Table<ConsoleOperator>
        data-testid="staff-table"
        rowKey="id"
        size="middle"
        loading={staff.loading}
        dataSource={staff.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('staff.id'), dataIndex: 'id' },
          { title: t('staff.name'), dataIndex: 'name' },
          { title: t('staff.roles'), dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
          { title: t('staff.hasPin'), dataIndex: 'hasPin', render: (a: boolean) => (a ? t('common.yes') : t('common.no')) },
          { title: t('staff.active'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, o: ConsoleOperator) => (
              <Space>
                <Button size="small" onClick={() => setPinFor(o)}>{t('staff.resetPin')}</Button>
                {o.active && storeId && (
                  <Popconfirm title={t('staff.confirmDeactivate', { name: o.name })} okText={t('staff.deactivate')} cancelText={t('common.cancel')} onConfirm={() => act(() => authApi.deactivateOperator(storeId, o.id), t('staff.deactivated', { name: o.name }))}>
                    <Button size="small" danger>{t('staff.deactivate')}</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {pinFor && (
        <Modal open title={t('staff.resetPinOf', { name: pinFor.name })} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => void resetPin()} onCancel={() => setPinFor(null)} okButtonProps={{ disabled: !PIN_RULE.test(newPin) }}>
          <Input.Password autoFocus autoComplete="new-password" value={newPin} onChange={(e) => setNewPin(e.target.value)} onPressEnter={() => void resetPin()} placeholder={t('staff.pinRule')} />
        </Modal>
      )}
    </>
  );
}
