import { memo } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../sync/model/index.js';
import type { Gate } from '../approval/authorize.js';

export const STOCK_COLUMNS = '1.2fr 2.4fr 1.2fr 0.8fr 0.8fr 1.4fr';
/** Every row is this tall, so the list can draw only the rows in view (a store has thousands of products). */
export const STOCK_ROW_HEIGHT = 56;

export interface StockRowProps {
  product: Product;
  /** On hand by the ledger and held by open orders; null while the figures load. Numbers, so memo compares them. */
  onHand: number | null;
  reserved: number | null;
  selected: boolean;
  gate: Gate;
  pending: boolean;
  onSelect: (sku: string) => void;
  onOpen: (sku: string) => void;
  /** Where the row sits in the virtual list. */
  top: number;
}

/**
 * One product of the stock list. Memoised: a keystroke in the search or a move of the highlight re-renders only the
 * rows whose product, figures or highlight changed.
 */
export const StockRow = memo(function StockRow({ product: p, onHand, reserved, selected, gate, pending, onSelect, onOpen, top }: StockRowProps) {
  const { t } = useTranslation();
  const level = onHand === null || reserved === null ? null : { onHand, reserved, available: onHand - reserved };
  const qty = level?.onHand;
  return (
    <div
      role="row"
      aria-selected={selected}
      data-testid={`inventory-row-${p.sku}`}
      data-on-hand={qty ?? ''}
      data-available={level?.available ?? ''}
      data-selected={String(selected)}
      onClick={() => onSelect(p.sku)}
      style={{
        position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${top}px)`,
        display: 'grid', gridTemplateColumns: STOCK_COLUMNS, gap: 12, alignItems: 'center', padding: '0 16px', fontSize: 19, height: STOCK_ROW_HEIGHT,
        boxSizing: 'border-box', borderBottom: '1px solid #f0f0f0', background: selected ? '#e6f4ff' : '#fff', borderLeft: `6px solid ${selected ? '#0b5cad' : 'transparent'}`,
      }}
    >
      <code>{p.sku}</code>
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={p.name}>{p.name}</span>
      <span>{[p.location.aisle, p.location.shelf, p.location.bin].join(' · ')}</span>
      <strong data-testid="inventory-on-hand" style={{ textAlign: 'right', fontSize: 22, color: qty !== undefined && qty < 0 ? '#c4161c' : undefined }}>{qty ?? '…'}</strong>
      <strong
        data-testid="inventory-available"
        title={level ? `${t('stock.reserved')}: ${level.reserved}` : undefined}
        style={{ textAlign: 'right', fontSize: 22, color: level && level.available <= 0 ? '#c4161c' : '#237804' }}
      >
        {level?.available ?? '…'}
      </strong>
      <Button
        data-testid={`adjust-open-${p.sku}`}
        data-gate={gate}
        disabled={gate === 'forbidden'}
        loading={pending}
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          onOpen(p.sku);
        }}
      >
        {gate === 'approval' ? t('inventory.adjustApproval') : t('inventory.adjust')}
      </Button>
    </div>
  );
});
