import { Button, Form, Input, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { Counter } from '../../../sync/protocol/settlement-master.js';
import { useT } from '../../shared/i18n/index.js';
import { hasRole, useUser } from '../../shared/session.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { StoreSelect } from '../StoreSelect.js';
import { CODE_RULE, EnterSubmits, useAct, useSearch } from './common.js';
import { CounterSkusDialog } from './CounterSkusDialog.js';
import { masterApi } from './master-api.js';

type CounterForm = { id: string; storeId: string; supplierId: string; name: string; areaCode: string; category: string };

/** Counters (专柜): one supplier's counter in one store, its area code and category; its SKUs in a dialog. */
export default function CountersPage() {
  const { t } = useT();
  const user = useUser();
  const canWrite = hasRole(user, ['admin', 'finance']);
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const list = useLoad(() => masterApi.counters({ storeId }), [storeId]);
  const suppliers = useLoad(() => (canWrite ? masterApi.suppliers() : Promise.resolve([])), [canWrite]);
  const { act, error } = useAct(list.reload);
  const search = useSearch(list.data, (c) => [c.id, c.name, c.storeId, c.supplierId, c.supplierName, c.areaCode, c.category]);
  const [editing, setEditing] = useState<Counter | 'new' | null>(null);
  const [skusOf, setSkusOf] = useState<Counter | null>(null);
  const [form] = Form.useForm<CounterForm>();

  const open = (c: Counter | 'new') => {
    setEditing(c);
    form.resetFields();
    if (c === 'new') form.setFieldsValue({ storeId });
    else form.setFieldsValue(c);
  };
  const save = async (v: CounterForm) => {
    const body = { name: v.name.trim(), areaCode: v.areaCode.trim(), category: v.category.trim() };
    const ok = editing === 'new'
      ? await act(() => masterApi.createCounter({ ...body, id: v.id.trim(), storeId: v.storeId, supplierId: v.supplierId }))
      : editing && (await act(() => masterApi.updateCounter(editing.id, body)));
    if (ok) setEditing(null);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <StoreSelect value={storeId} onChange={setStoreId} allowClear testId="counters-store" />
        {search.box}
        {canWrite && <Button type="primary" onClick={() => open('new')} data-testid="counter-add">{t('master.add')}</Button>}
      </Space>
      <ErrorAlert error={error ?? list.error} />
      <Table<Counter>
        data-testid="counters-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={search.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('master.code'), dataIndex: 'id', sorter: (a, b) => a.id.localeCompare(b.id) },
          { title: t('master.name'), dataIndex: 'name' },
          { title: t('master.store'), dataIndex: 'storeId' },
          { title: t('master.supplier'), key: 's', render: (_: unknown, c) => `${c.supplierId} · ${c.supplierName}` },
          { title: t('master.areaCode'), dataIndex: 'areaCode' },
          { title: t('master.category'), dataIndex: 'category' },
          { title: t('master.counters.skuCount'), dataIndex: 'skuCount', align: 'right' },
          {
            title: t('master.actions'),
            key: 'a',
            render: (_: unknown, c) => (
              <Space>
                <Button size="small" onClick={() => setSkusOf(c)} data-testid={`counter-skus-${c.id}`}>{t('master.counters.skus')}</Button>
                {canWrite && <Button size="small" onClick={() => open(c)}>{t('master.edit')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        forceRender
        title={editing === 'new' ? t('master.counters.newTitle') : t('master.counters.editTitle', { id: editing?.id ?? '' })}
        okText={t('master.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="id" label={t('master.code')} rules={[{ required: true, pattern: CODE_RULE, message: t('master.codeRule') }]}>
            <Input autoFocus disabled={editing !== 'new'} data-testid="counter-id" />
          </Form.Item>
          {/* Form.Item hands the select its value and onChange. */}
          <Form.Item name="storeId" label={t('master.store')} rules={[{ required: true, message: t('common.required') }]} extra={editing !== 'new' ? t('master.counters.fixedHint') : undefined}>
            {editing === 'new' ? <StoreSelect onChange={() => undefined} testId="counter-store" /> : <Input disabled />}
          </Form.Item>
          <Form.Item name="supplierId" label={t('master.supplier')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              disabled={editing !== 'new'}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="counter-supplier"
              options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.id} · ${s.name}` }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('master.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="counter-name" />
          </Form.Item>
          <Form.Item name="areaCode" label={t('master.areaCode')} rules={[{ required: true, pattern: CODE_RULE, message: t('master.codeRule') }]}>
            <Input data-testid="counter-area" />
          </Form.Item>
          <Form.Item name="category" label={t('master.category')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="counter-category" />
          </Form.Item>
          <EnterSubmits />
        </Form>
      </Modal>
      {skusOf && <CounterSkusDialog counter={skusOf} canWrite={canWrite} onClose={() => setSkusOf(null)} onSaved={list.reload} />}
    </>
  );
}
