import { Select } from 'antd';
import { useT } from '../../shared/i18n/index.js';
import { useLoad } from '../../shared/ui.js';
import { masterApi } from './master-api.js';

/** A searchable counter select (code, name, store, supplier). */
export function CounterPicker(props: { value?: string | undefined; onChange?(v: string | undefined): void; allowClear?: boolean; testId?: string; width?: number }) {
  const { t } = useT();
  const counters = useLoad(() => masterApi.counters(), []);
  return (
    <Select
      data-testid={props.testId ?? 'counter-picker'}
      aria-label={t('master.counter')}
      placeholder={t('master.contracts.chooseCounter')}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={props.allowClear}
      loading={counters.loading}
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v ?? undefined)}
      style={{ width: props.width ?? 320 }}
      options={(counters.data ?? []).map((c) => ({ value: c.id, label: `${c.id} · ${c.name} · ${c.storeId} · ${c.supplierName}` }))}
    />
  );
}
