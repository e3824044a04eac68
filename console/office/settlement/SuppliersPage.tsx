import { Button, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import type { Supplier, SupplierContact } from '../../../sync/protocol/settlement-master.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { CODE_RULE, EnterSubmits, useAct, useSearch } from './common.js';
import { masterApi } from './master-api.js';

type SupplierForm = { id: string; name: string; contacts: SupplierContact[] };

/** Suppliers: their code (what they sign in to the portal with), name and contacts. */
export default function SuppliersPage() {
  const { t } = useT();
  const list = useLoad(() => masterApi.suppliers(), []);
  const { act, error } = useAct(list.reload);
  const search = useSearch(list.data, (s) => [s.id, s.name, ...s.contacts.flatMap((c) => [c.name, c.phone, c.email])]);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const [form] = Form.useForm<SupplierForm>();

  const open = (s: Supplier | 'new') => {
    setEditing(s);
    form.resetFields();
    form.setFieldsValue(s === 'new' ? { id: '', name: '', contacts: [] } : { id: s.id, name: s.name, contacts: s.contacts });
  };
  const save = async (v: SupplierForm) => {
    const contacts = (v.contacts ?? []).filter((c) => c?.name?.trim());
    const ok = editing === 'new'
      ? await act(() => masterApi.createSupplier({ id: v.id.trim(), name: v.name.trim(), contacts }))
      : editing && (await act(() => masterApi.updateSupplier(editing.id, { name: v.name.trim(), contacts })));
    if (ok) setEditing(null);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {search.box}
        <Button type="primary" onClick={() => open('new')} data-testid="supplier-add">{t('master.add')}</Button>
      </Space>
      <ErrorAlert error={error ?? list.error} />
      <Table<Supplier>
        data-testid="suppliers-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={search.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('master.code'), dataIndex: 'id', sorter: (a, b) => a.id.localeCompare(b.id) },
          { title: t('master.name'), dataIndex: 'name' },
          { title: t('master.suppliers.contacts'), dataIndex: 'contacts', render: (cs: SupplierContact[]) => cs.map((c) => [c.name, c.role, c.phone, c.email].filter(Boolean).join(' · ')).join('; ') },
          { title: t('master.suppliers.counters'), dataIndex: 'counters', align: 'right' },
          { title: t('master.actions'), key: 'a', render: (_: unknown, s) => <Button size="small" onClick={() => open(s)}>{t('master.edit')}</Button> },
        ]}
      />
      <Modal
        open={editing !== null}
        forceRender
        width={720}
        title={editing === 'new' ? t('master.suppliers.newTitle') : t('master.suppliers.editTitle', { id: editing?.id ?? '' })}
        okText={t('master.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="id" label={t('master.code')} rules={[{ required: true, pattern: CODE_RULE, message: t('master.codeRule') }]}>
            <Input autoFocus disabled={editing !== 'new'} data-testid="supplier-id" />
          </Form.Item>
          <Form.Item name="name" label={t('master.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="supplier-name" />
          </Form.Item>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('common.required') }]}><Input placeholder={t('master.suppliers.contactName')} aria-label={t('master.suppliers.contactName')} /></Form.Item>
                    <Form.Item name={[f.name, 'role']}><Input placeholder={t('master.suppliers.role')} aria-label={t('master.suppliers.role')} style={{ width: 100 }} /></Form.Item>
                    <Form.Item name={[f.name, 'phone']} rules={[{ pattern: /^[0-9+() -]*$/, message: t('master.suppliers.phone') }]}><Input placeholder={t('master.suppliers.phone')} aria-label={t('master.suppliers.phone')} style={{ width: 140 }} /></Form.Item>
                    <Form.Item name={[f.name, 'email']} rules={[{ type: 'email', message: t('master.suppliers.email') }]}><Input placeholder={t('master.suppliers.email')} aria-label={t('master.suppliers.email')} style={{ width: 180 }} /></Form.Item>
                    <Button onClick={() => remove(f.name)} aria-label="remove">−</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ name: '' })}>{t('master.suppliers.addContact')}</Button>
              </>
            )}
          </Form.List>
          <EnterSubmits />
        </Form>
      </Modal>
    </>
  );
}
