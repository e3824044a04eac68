import { Button, Form, Input, Space } from 'antd';
import type { FeeItem } from '../../../sync/protocol/settlement-master.js';
import { useT } from '../../shared/i18n/index.js';
import { CODE_RULE } from './common.js';
import { fenInput, yuanInput, yuanRule } from './money.js';

/** Fee items as the form holds them: the amount as the yuan text typed. */
export type FeeItemDraft = { code: string; name: string; amount: string };

export const draftsOf = (items: readonly FeeItem[]): FeeItemDraft[] => items.map((i) => ({ code: i.code, name: i.name, amount: fenInput(i.amount) }));
/** The form's rules have judged each amount already; a draft that slipped through becomes 0 and the server says so. */
export const itemsOf = (drafts: readonly FeeItemDraft[] = []): FeeItem[] => drafts.map((d) => ({ code: d.code.trim(), name: d.name.trim(), amount: yuanInput(d.amount) ?? -1 }));

/** A list of fee items (code, name, amount in yuan incl. tax) inside an antd Form, under `name`. */
export function FeeItemsField(props: { name: string; label: string; min?: number }) {
  const { t } = useT();
  return (
    <Form.Item label={props.label} required={(props.min ?? 0) > 0}>
      <Form.List name={props.name} rules={props.min ? [{ validator: async (_, v: unknown[] | undefined) => { if ((v?.length ?? 0) < (props.min ?? 0)) throw new Error(t('common.required')); } }] : []}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: CODE_RULE, message: t('master.codeRule') }]}>
                  <Input placeholder={t('master.contracts.feeCode')} aria-label={t('master.contracts.feeCode')} style={{ width: 110 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                  <Input placeholder={t('master.contracts.feeName')} aria-label={t('master.contracts.feeName')} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'amount']} rules={[yuanRule(t('master.yuanRule'))]}>
                  <Input placeholder={t('master.amountYuan')} aria-label={t('master.amountYuan')} style={{ width: 150 }} inputMode="decimal" />
                </Form.Item>
                <Button onClick={() => remove(f.name)} aria-label="remove">−</Button>
              </Space>
            ))}
            <Button onClick={() => add({ code: '', name: '', amount: '' })} data-testid={`${props.name}-add`}>{t('master.contracts.addFee')}</Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
