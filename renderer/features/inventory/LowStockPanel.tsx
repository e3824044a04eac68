import { useEffect, useMemo, useRef, useState } from 'react';
import { Input, Spin, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { lowStock, parseThreshold } from './low-stock.js';
import { availabilityFor$, lowStockThreshold$, saveLowStockThreshold } from './stock-live.js';

const COLUMNS = '1.2fr 2.4fr 1.2fr 0.8fr 0.8fr 0.8fr';

/**
 * Products whose available stock (on hand − reserved by open orders) is at or below a threshold, emptiest first.
 * The threshold is this terminal's setting (a local document), so the back room and the counter can differ.
 */
export function LowStockPanel(props: { products: readonly Product[] }) {
  const { db } = useSession();
  const { t } = useTranslation();
  const stock = useObservable(() => availabilityFor$(db, null), [db]);
  const saved = useObservable(() => lowStockThreshold$(db), [db]);
  const threshold = saved.status === 'ready' ? saved.value : null;
  const [typed, setTyped] = useState<string | null>(null);
  const inputRef = useRef<InputRef>(null);
  const rows = useMemo(
    () => (stock.status === 'ready' && threshold !== null ? lowStock(props.products, stock.value, threshold) : null),
    [props.products, stock, threshold],
  );

  useEffect(() => inputRef.current?.focus(), []);

  const change = (text: string) => {
    setTyped(text);
    const value = parseThreshold(text);
    if (value !== null && value !== threshold) {
      saveLowStockThreshold(db, value).catch((err: unknown) => console.error('saving the low-stock threshold failed', err));
    }
  };

  return (
    <div data-testid="low-stock-list" data-threshold={threshold ?? ''} data-count={rows?.length ?? ''} style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 16px', background: '#f0f2f5', borderBottom: '2px solid #d9d9d9', fontSize: 18 }}>
        <strong style={{ fontSize: 20 }}>{t('stock.low.title')}</strong>
        <label htmlFor="low-stock-threshold">{t('stock.low.threshold')}</label>
        <Input
          id="low-stock-threshold"
          ref={inputRef}
          data-testid="low-stock-threshold"
          inputMode="numeric"
          autoComplete="off"
          value={typed ?? (threshold === null ? '' : String(threshold))}
          status={typed !== null && parseThreshold(typed) === null ? 'error' : undefined}
          onChange={(e) => change(e.target.value.replace(/[^\d-]/g, ''))}
          onBlur={() => setTyped(null)}
          style={{ width: 120, height: 44, fontSize: 20 }}
        />
        {rows && <span data-testid="low-stock-count">{t('stock.low.count', { count: rows.length })}</span>}
      </div>
      <div role="row" style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, padding: '10px 16px', fontSize: 16, fontWeight: 700, background: '#fafafa', borderBottom: '2px solid #8c8c8c' }}>
        <span>{t('inventory.sku')}</span>
        <span>{t('inventory.name')}</span>
        <span>{t('inventory.location')}</span>
        <span style={{ textAlign: 'right' }}>{t('inventory.onHand')}</span>
        <span style={{ textAlign: 'right' }}>{t('stock.reserved')}</span>
        <span style={{ textAlign: 'right' }}>{t('stock.available')}</span>
      </div>
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#fff' }}>
        {!rows && <Spin size="large" style={{ display: 'block', marginTop: 48 }} />}
        {rows?.length === 0 && <div data-testid="low-stock-empty" style={{ padding: 48, fontSize: 22, textAlign: 'center', color: '#434343' }}>{t('stock.low.empty', { threshold })}</div>}
        {rows?.map((row) => (
          <div
            key={row.product.sku}
            role="row"
            data-testid={`low-stock-row-${row.product.sku}`}
            data-available={row.available}
            data-on-hand={row.onHand}
            style={{ display: 'grid', gridTemplateColumns: COLUMNS, gap: 12, alignItems: 'center', padding: '10px 16px', fontSize: 19, borderBottom: '1px solid #f0f0f0' }}
          >
            <code>{row.product.sku}</code>
            <span>{row.product.name}</span>
            <span>{[row.product.location.aisle, row.product.location.shelf, row.product.location.bin].join(' · ')}</span>
            <span style={{ textAlign: 'right' }}>{row.onHand}</span>
            <span style={{ textAlign: 'right' }}>{row.reserved}</span>
            <strong style={{ textAlign: 'right', fontSize: 22, color: row.available <= 0 ? '#c4161c' : '#ad6800' }}>{row.available}</strong>
          </div>
        ))}
      </div>
      <div style={{ padding: '6px 16px', fontSize: 16, color: '#434343', background: '#f0f2f5', borderTop: '1px solid #d9d9d9' }}>{t('stock.low.keys')}</div>
    </div>
  );
}
