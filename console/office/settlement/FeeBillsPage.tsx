import { Button, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import type { FeeBill, FeeItem } from '../../../sync/protocol/settlement-master.js';
import { yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { EnterSubmits, useAct, useSearch } from './common.js';
import { CounterPicker } from './CounterPicker.js';
import { draftsOf, FeeItemsField, itemsOf, type FeeItemDraft } from './FeeItemsField.js';
import { masterApi } from './master-api.js';

type BillForm = { counterId: string; periodFrom: string; items: FeeItemDraft[] };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Fee bills (供应商费用单) by period and counter: items incl. tax; the total is the server's sum. */
export default function FeeBillsPage() {
  const { t } = useT();
  const [periodFrom, setPeriodFrom] = useState('');
  const [counterId, setCounterId] = useState<string | undefined>(undefined);
  const period = DAY.test(periodFrom) ? periodFrom : undefined;
  const list = useLoad(() => masterApi.feeBills({ periodFrom: period, counterId }), [period, counterId]);
  const { act, error } = useAct(list.reload);
  const search = useSearch(list.data, (b) => [b.id, b.counterId, b.supplierId, b.storeId, b.periodFrom, ...b.items.map((i) => i.name)]);
  const [editing, setEditing] = useState<FeeBill | 'new' | null>(null);
  const [form] = Form.useForm<BillForm>();

  const open = (b: FeeBill | 'new') => {
    setEditing(b);
    form.resetFields();
    form.setFieldsValue(b === 'new' ? { counterId, periodFrom: period ?? '', items: [{ code: '', name: '', amount: '' }] } : { counterId: b.counterId, periodFrom: b.periodFrom, items: draftsOf(b.items) });
  };
  const save = async (v: BillForm) => {
    const items = itemsOf(v.items);
    const ok = editing === 'new'
      ? await act(() => masterApi.createFeeBill({ counterId: v.counterId, periodFrom: v.periodFrom.trim(), items }))
      : editing && (await act(() => masterApi.updateFeeBill(editing.id, { items })));
    if (ok) setEditing(null);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Input aria-label={t('master.period')} placeholder={`${t('master.period')} YYYY-MM-DD`} value={periodFrom} onChange={(e) => setPeriodFrom(e.target.value.trim())} style={{ width: 270 }} allowClear data-testid="fee-bills-period" />
        <CounterPicker value={counterId} onChange={setCounterId} allowClear testId="fee-bills-counter" />
        {search.box}
        <Button type="primary" onClick={() => open('new')} data-testid="fee-bill-add">{t('master.add')}</Button>
      </Space>
      <ErrorAlert error={error ?? list.error} />
      <Table<FeeBill>
        data-testid="fee-bills-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={search.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        summary={(rows) => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>{t('master.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right"><span data-testid="fee-bills-total">{yuan(rows.reduce((a, b) => a + b.total, 0))}</span></Table.Summary.Cell>
            <Table.Summary.Cell index={6} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('master.feeBills.number'), dataIndex: 'id' },
          { title: t('master.period'), dataIndex: 'periodFrom' },
          { title: t('master.counter'), dataIndex: 'counterId' },
          { title: t('master.supplier'), dataIndex: 'supplierId' },
          { title: t('master.feeBills.items'), dataIndex: 'items', render: (items: FeeItem[]) => items.map((i) => `${i.name} ${yuan(i.amount)}`).join('; ') },
          { title: t('master.total'), dataIndex: 'total', align: 'right', render: (f: number) => yuan(f) },
          { title: t('master.actions'), key: 'a', render: (_: unknown, b) => <Button size="small" onClick={() => open(b)}>{t('master.edit')}</Button> },
        ]}
      />
      <Modal
        open={editing !== null}
        forceRender
        width={720}
        title={editing === 'new' ? t('master.feeBills.newTitle') : t('master.feeBills.editTitle', { id: editing?.id ?? '' })}
        okText={t('master.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {/* Form.Item hands the picker its value and onChange; a bill's counter and period never change. */}
          <Form.Item name="counterId" label={t('master.counter')} rules={[{ required: true, message: t('common.required') }]}>
            {editing === 'new' ? <CounterPicker testId="fee-bill-counter" /> : <Input disabled />}
          </Form.Item>
          <Form.Item name="periodFrom" label={t('master.period')} rules={[{ required: true, pattern: DAY, message: 'YYYY-MM-DD' }]}>
            <Input disabled={editing !== 'new'} placeholder="2026-11-01" data-testid="fee-bill-period" />
          </Form.Item>
          <FeeItemsField name="items" label={t('master.feeBills.items')} min={1} />
          <EnterSubmits />
        </Form>
      </Modal>
    </>
  );
}
