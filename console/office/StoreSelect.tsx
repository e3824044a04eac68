import { Select } from 'antd';
import { authApi } from '../shared/auth-api.js';
import { useT } from '../shared/i18n/index.js';
import { useLoad } from '../shared/ui.js';

/** A store picker over the stores the signed-in user may see. */
export function StoreSelect(props: { value?: string | undefined; onChange(v: string | undefined): void; allowClear?: boolean; testId?: string; width?: number }) {
  const { t } = useT();
  const stores = useLoad(() => authApi.stores(), []);
  return (
    <Select
      data-testid={props.testId ?? 'store-select'}
      aria-label={t('common.store')}
      placeholder={t('common.chooseStore')}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={props.allowClear}
      loading={stores.loading}
      value={props.value}
      onChange={(v: string | undefined) => props.onChange(v ?? undefined)}
      style={{ width: props.width ?? 240 }}
      options={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.id} · ${s.name}` }))}
    />
  );
}
