import { forwardRef, type CSSProperties } from 'react';
import { Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { FULFILMENT_TYPES, ORDER_STATUSES, SLOT_KINDS } from '../../../sync/model/index.js';
import { useQueueUi } from './ui-state.js';
import type { QueueFilter } from './queue.js';

/**
 * Native selects: they open and change with the keyboard alone (arrows, type-ahead), read well at any size,
 * and tests can drive them with selectOption.
 */
const selectStyle: CSSProperties = {
  height: 48, fontSize: 18, padding: '0 12px', borderRadius: 6, border: '2px solid #8c8c8c', background: '#fff', color: '#141414',
};

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export const QueueFilters = forwardRef<InputRef, { shown: number; total: number; complete: boolean }>(function QueueFilters({ shown, total, complete }, searchRef) {
  const { t } = useTranslation();
  const filter = useQueueUi((s) => s.filter);
  const setFilter = useQueueUi((s) => s.setFilter);

  const onStatus = (value: string) => {
    const status: QueueFilter['status'] | null = value === 'open' || value === 'all' ? value : isOneOf(ORDER_STATUSES, value) ? value : null;
    if (status) setFilter({ status });
  };
  const onSlot = (value: string) => {
    if (value === 'all' || isOneOf(SLOT_KINDS, value)) setFilter({ slot: value });
  };
  const onType = (value: string) => {
    if (value === 'all' || isOneOf(FULFILMENT_TYPES, value)) setFilter({ type: value });
  };

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, padding: '12px 16px', background: '#f0f2f5', borderBottom: '2px solid #d9d9d9' }}>
      <Input
        ref={searchRef}
        data-testid="order-search"
        size="large"
        allowClear
        value={filter.search}
        placeholder={t('queue.search')}
        aria-label={t('queue.search')}
        onChange={(e) => setFilter({ search: e.target.value })}
        style={{ width: 320, fontSize: 20 }}
      />
      <select data-testid="filter-status" aria-label={t('queue.filterStatus')} value={filter.status} onChange={(e) => onStatus(e.target.value)} style={selectStyle}>
        <option value="open">{t('queue.openOrders')}</option>
        <option value="all">{t('queue.allStatuses')}</option>
        {ORDER_STATUSES.map((s) => (
          <option key={s} value={s}>{t(`status.${s}`)}</option>
        ))}
      </select>
      <select data-testid="filter-slot" aria-label={t('queue.filterSlot')} value={filter.slot} onChange={(e) => onSlot(e.target.value)} style={selectStyle}>
        <option value="all">{t('queue.allSlots')}</option>
        {SLOT_KINDS.map((k) => (
          <option key={k} value={k}>{t(`slot.${k}`)}</option>
        ))}
      </select>
      <select data-testid="filter-type" aria-label={t('queue.filterType')} value={filter.type} onChange={(e) => onType(e.target.value)} style={selectStyle}>
        <option value="all">{t('queue.allTypes')}</option>
        {FULFILMENT_TYPES.map((k) => (
          <option key={k} value={k}>{t(`fulfilment.${k}`)}</option>
        ))}
      </select>
      {/* Counts of the first page alone would mislead: they show once every order is loaded. */}
      <span data-testid="order-count" data-complete={complete} {...(complete ? { 'data-count': shown, 'data-total': total } : {})} style={{ fontSize: 18, fontWeight: 700, marginLeft: 'auto' }}>
        {complete ? t('queue.count', { shown, total }) : t('queue.loading')}
      </span>
    </div>
  );
});
