import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Promotion } from '../../../sync/protocol/settlement-master.js';
import { useT } from '../../shared/i18n/index.js';
import { ErrorAlert, useLoad } from '../../shared/ui.js';
import { CODE_RULE, EnterSubmits, useAct, useSearch } from './common.js';
import { masterApi } from './master-api.js';
import { bpToPercent, percentRule, percentToBp } from './money.js';

type PromotionForm = { id: string; name: string; fromDay: string; toDay: string; rate: string; counterIds: string[]; areaCodes: string[] };
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Promotions (买送活动): serial number, days, the rate replacing the base rate, and the counters and areas in it. */
export default function PromotionsPage() {
  const { t } = useT();
  const list = useLoad(() => masterApi.promotions(), []);
  const counters = useLoad(() => masterApi.counters(), []);
  const { act, error } = useAct(list.reload);
  const search = useSearch(list.data, (p) => [p.id, p.name, p.fromDay, p.toDay, ...p.counterIds, ...p.areaCodes]);
  const [editing, setEditing] = useState<Promotion | 'new' | null>(null);
  const [form] = Form.useForm<PromotionForm>();

  const open = (p: Promotion | 'new') => {
    setEditing(p);
    form.resetFields();
    form.setFieldsValue(p === 'new' ? { counterIds: [], areaCodes: [] } : { ...p, rate: bpToPercent(p.rateBp).replace('%', '') });
  };
  const save = async (v: PromotionForm) => {
    const body = { name: v.name.trim(), fromDay: v.fromDay.trim(), toDay: v.toDay.trim(), rateBp: percentToBp(v.rate) ?? -1, counterIds: v.counterIds ?? [], areaCodes: (v.areaCodes ?? []).map((a) => a.trim()) };
    const ok = editing === 'new' ? await act(() => masterApi.createPromotion({ ...body, id: v.id.trim() })) : editing && (await act(() => masterApi.updatePromotion(editing.id, body)));
    if (ok) setEditing(null);
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        {search.box}
        <Button type="primary" onClick={() => open('new')} data-testid="promotion-add">{t('master.add')}</Button>
      </Space>
      <ErrorAlert error={error ?? list.error} />
      <Table<Promotion>
        data-testid="promotions-table"
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={search.rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('master.promotions.serial'), dataIndex: 'id' },
          { title: t('master.name'), dataIndex: 'name' },
          { title: t('master.promotions.from'), dataIndex: 'fromDay', sorter: (a, b) => a.fromDay.localeCompare(b.fromDay) },
          { title: t('master.promotions.to'), dataIndex: 'toDay' },
          { title: t('master.promotions.rate'), dataIndex: 'rateBp', align: 'right', render: (bp: number) => bpToPercent(bp) },
          { title: t('nav.counters'), dataIndex: 'counterIds', render: (ids: string[]) => ids.map((id) => <Tag key={id}>{id}</Tag>) },
          { title: t('master.areaCodes'), dataIndex: 'areaCodes', render: (codes: string[]) => codes.map((c) => <Tag key={c} color="blue">{c}</Tag>) },
          { title: t('master.actions'), key: 'a', render: (_: unknown, p) => <Button size="small" onClick={() => open(p)}>{t('master.edit')}</Button> },
        ]}
      />
      <Modal
        open={editing !== null}
        forceRender
        width={680}
        title={editing === 'new' ? t('master.promotions.newTitle') : t('master.promotions.editTitle', { id: editing?.id ?? '' })}
        okText={t('master.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
      >
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="id" label={t('master.promotions.serial')} rules={[{ required: true, pattern: CODE_RULE, message: t('master.codeRule') }]}>
            <Input autoFocus disabled={editing !== 'new'} data-testid="promotion-id" />
          </Form.Item>
          <Form.Item name="name" label={t('master.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="promotion-name" />
          </Form.Item>
          <Space>
            <Form.Item name="fromDay" label={t('master.promotions.from')} rules={[{ required: true, pattern: DAY, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="2026-11-20" data-testid="promotion-from" />
            </Form.Item>
            <Form.Item name="toDay" label={t('master.promotions.to')} rules={[{ required: true, pattern: DAY, message: 'YYYY-MM-DD' }]}>
              <Input placeholder="2026-11-26" data-testid="promotion-to" />
            </Form.Item>
            <Form.Item name="rate" label={`${t('master.promotions.rate')} (%)`} rules={[percentRule(t('master.percentRule'))]}>
              <Input placeholder="20" suffix="%" inputMode="decimal" data-testid="promotion-rate" />
            </Form.Item>
          </Space>
          <Form.Item name="counterIds" label={t('nav.counters')} extra={t('master.promotions.coverHint')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} data-testid="promotion-counters" options={(counters.data ?? []).map((c) => ({ value: c.id, label: `${c.id} · ${c.name}` }))} />
          </Form.Item>
          <Form.Item name="areaCodes" label={t('master.areaCodes')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="promotion-areas" options={[...new Set((counters.data ?? []).map((c) => c.areaCode))].map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <EnterSubmits />
        </Form>
      </Modal>
    </>
  );
}
