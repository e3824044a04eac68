import { Button, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import type { SuppliesLine } from '../../../sync/protocol/settlement-master.js';
import { yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { StoreSelect } from '../StoreSelect.js';
import { EnterSubmits, useAct, useSearch } from './common.js';
import { CounterPicker } from './CounterPicker.js';
import { masterApi } from './master-api.js';
import { fenInput, yuanInput, yuanRule } from './money.js';

type SuppliesForm = { counterId: string; day: string; item: string; qty: number; unitPrice: string };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Supplies usage (领用明细) by period and store code: qty × unit price, charged to the counter like a fee. */
export default function SuppliesPage() {
  const { t } = useT();
  const [periodFrom, setPeriodFrom] = useState('');
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const period = DAY.test(periodFrom) ? periodFrom : undefined;
  const list = useLoad(() => masterApi.supplies({ periodFrom: period, storeId }), [period, storeId]);
  const { act, error } = useAct(list.reload);
  const search = useSearch(list.data, (l) => [l.counterId, l.storeId, l.item, l.day, l.periodFrom]);
  const [editing, setEditing] = useState<SuppliesLine | 'new' | null>(null);
  const [form] = Form.useForm<SuppliesForm>();

  const open = (l: SuppliesLine | 'new') => {
    setEditing(l);
    form.resetFields();
    form.setFieldsValue(l === 'new' ? { qty: 1 } : { counterId: l.counterId, day: l.day, item: l.item, qty: l.qty, unitPrice: fenInput(l.unitPrice) });
  };
  const save = async (v: SuppliesForm) => {
    const body = { day: v.day.trim(), item: v.item.trim(), qty: v.qty, unitPrice: yuanInput(v.unitPrice) ?? -1 };
    const ok = editing === 'new'
      ? await act(() => masterApi.createSupplies({ ...body, counterId: v.counterId }))
      : editing && (await act(() => masterApi.updateSupplies(editing.id, body)));
    if (ok) setEditing(null);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Input aria-label={t('master.period')} placeholder={`${t('master.period')} YYYY-MM-DD`} value={periodFrom} onChange={(e) => setPeriodFrom(e.target.value.trim())} style={{ width: 270 }} allowClear data-testid="supplies-period" />
        <StoreSelect value={storeId} onChange={setStoreId} allowClear testId="supplies-store" />
        {search.box}
        <Button type="primary" onClick={() => open('new')} data-testid="supplies-add">{t('master.add')}</Button>
      </Space>
      <ErrorAlert error={error ?? list.error} />
      <Table<SuppliesLine>
        data-testid="supplies-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={search.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        summary={(rows) => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={7}>{t('master.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right"><span data-testid="supplies-total">{yuan(rows.reduce((a, l) => a + l.amount, 0))}</span></Table.Summary.Cell>
            <Table.Summary.Cell index={8} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('master.period'), dataIndex: 'periodFrom' },
          { title: t('master.store'), dataIndex: 'storeId' },
          { title: t('master.counter'), dataIndex: 'counterId' },
          { title: t('master.day'), dataIndex: 'day' },
          { title: t('master.supplies.item'), dataIndex: 'item' },
          { title: t('master.supplies.qty'), dataIndex: 'qty', align: 'right' },
          { title: t('master.supplies.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (f: number) => yuan(f) },
          { title: t('master.supplies.amount'), dataIndex: 'amount', align: 'right', render: (f: number) => yuan(f) },
          { title: t('master.actions'), key: 'a', render: (_: unknown, l) => <Button size="small" onClick={() => open(l)}>{t('master.edit')}</Button> },
        ]}
      />
      <Modal
        open={editing !== null}
        forceRender
        title={editing === 'new' ? t('master.supplies.newTitle') : t('master.supplies.editTitle', { id: typeof editing === 'object' && editing !== null ? editing.id : '' })}
        okText={t('master.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="counterId" label={t('master.counter')} rules={[{ required: true, message: t('common.required') }]}>
            {editing === 'new' ? <CounterPicker testId="supplies-counter" /> : <Input disabled />}
          </Form.Item>
          <Form.Item name="day" label={t('master.day')} rules={[{ required: true, pattern: DAY, message: 'YYYY-MM-DD' }]}>
            <Input placeholder="2026-11-18" data-testid="supplies-day" />
          </Form.Item>
          <Form.Item name="item" label={t('master.supplies.item')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="supplies-item" />
          </Form.Item>
          <Space>
            <Form.Item name="qty" label={t('master.supplies.qty')} rules={[{ required: true, type: 'integer', min: 1, message: '≥ 1' }]}>
              <InputNumber min={1} precision={0} data-testid="supplies-qty" />
            </Form.Item>
            <Form.Item name="unitPrice" label={t('master.supplies.unitPrice')} rules={[yuanRule(t('master.yuanRule'))]}>
              <Input inputMode="decimal" data-testid="supplies-price" />
            </Form.Item>
          </Space>
          <EnterSubmits />
        </Form>
      </Modal>
    </>
  );
}
