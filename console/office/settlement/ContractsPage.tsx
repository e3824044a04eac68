import { Alert, Button, Form, Input, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import type { Contract, FeeItem } from '../../../sync/protocol/settlement-master.js';
import { yuan } from '../../shared/format.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { EnterSubmits, useAct, useSearch } from './common.js';
import { CounterPicker } from './CounterPicker.js';
import { FeeItemsField, itemsOf, type FeeItemDraft } from './FeeItemsField.js';
import { masterApi } from './master-api.js';
import { bpToPercent, percentRule, percentToBp, yuanInput } from './money.js';

type ContractForm = { periodFrom: string; baseRate: string; minimum?: string; feeItems?: FeeItemDraft[]; reason: string };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A counter's contracts, oldest first, and a new one appended (never an edit: a change is a new row with a reason). */
export default function ContractsPage() {
  const { t } = useT();
  const [counterId, setCounterId] = useState<string | undefined>(undefined);
  const list = useLoad(() => (counterId ? masterApi.contracts(counterId) : Promise.resolve([])), [counterId]);
  const { act, error } = useAct(list.reload);
  const search = useSearch(list.data, (c) => [c.periodFrom, c.setBy, c.reason, bpToPercent(c.baseRateBp)]);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ContractForm>();

  const save = async (v: ContractForm) => {
    if (!counterId) return;
    const minimum = v.minimum?.trim() ? yuanInput(v.minimum) : null;
    const ok = await act(() => masterApi.addContract(counterId, {
      periodFrom: v.periodFrom.trim(), baseRateBp: percentToBp(v.baseRate) ?? -1, minimumSales: minimum, feeItems: itemsOf(v.feeItems), reason: v.reason.trim(),
    }));
    if (ok) setAdding(false);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <CounterPicker value={counterId} onChange={setCounterId} testId="contracts-counter" />
        {search.box}
        <Button type="primary" disabled={!counterId} onClick={() => { form.resetFields(); setAdding(true); }} data-testid="contract-add">{t('master.add')}</Button>
      </Space>
      <Alert type="info" showIcon title={t('master.contracts.appendOnly')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error ?? list.error} />
      <Table<Contract>
        data-testid="contracts-table"
        rowKey="seq"
        size="middle"
        loading={list.loading}
        dataSource={search.rows}
        pagination={false}
        columns={[
          { title: t('master.period'), dataIndex: 'periodFrom' },
          { title: t('master.contracts.baseRate'), dataIndex: 'baseRateBp', align: 'right', render: (bp: number) => bpToPercent(bp) },
          { title: t('master.contracts.minimum'), dataIndex: 'minimumSales', align: 'right', render: (m: number | null) => (m === null ? t('master.contracts.none') : yuan(m)) },
          { title: t('master.contracts.feeItems'), dataIndex: 'feeItems', render: (items: FeeItem[]) => items.map((i) => `${i.name} ${yuan(i.amount)}`).join('; ') },
          { title: t('master.contracts.reason'), dataIndex: 'reason' },
          { title: t('master.by'), dataIndex: 'setBy' },
          { title: t('master.at'), dataIndex: 'setAt', render: (at: string) => new Date(at).toLocaleString() },
        ]}
      />
      <Modal
        open={adding}
        forceRender
        width={760}
        title={t('master.contracts.newTitle', { id: counterId ?? '' })}
        okText={t('master.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="periodFrom" label={t('master.period')} rules={[{ required: true, pattern: DAY, message: 'YYYY-MM-DD' }]}>
            <Input autoFocus placeholder="2026-12-01" data-testid="contract-period" />
          </Form.Item>
          <Form.Item name="baseRate" label={`${t('master.contracts.baseRate')} (%)`} rules={[percentRule(t('master.percentRule'))]}>
            <Input placeholder="25" inputMode="decimal" suffix="%" data-testid="contract-rate" />
          </Form.Item>
          <Form.Item name="minimum" label={`${t('master.contracts.minimum')} (¥)`} rules={[{ validator: async (_, v: unknown) => { if (typeof v === 'string' && v.trim() && yuanInput(v) === null) throw new Error(t('master.yuanRule')); } }]}>
            <Input placeholder={t('master.contracts.none')} inputMode="decimal" data-testid="contract-minimum" />
          </Form.Item>
          <FeeItemsField name="feeItems" label={t('master.contracts.feeItems')} />
          <Form.Item name="reason" label={t('master.contracts.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="contract-reason" />
          </Form.Item>
          <EnterSubmits />
        </Form>
      </Modal>
    </>
  );
}
