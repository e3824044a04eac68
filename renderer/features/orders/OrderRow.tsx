import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../ui/now.js';
import { Countdown, DEADLINE_COLOURS, StatusBadge } from './labels.js';
import { rowDeadline, type QueueRow } from './queue.js';

export const ROW_HEIGHT = 64;
/** Shared by the header row and the rows so the columns line up. */
export const QUEUE_COLUMNS = 'minmax(220px, 2.2fr) 0.9fr 1fr 1.5fr 0.8fr 1.2fr minmax(230px, 1.7fr)';

interface Props {
  row: QueueRow;
  selected: boolean;
  style: CSSProperties;
  onOpen: (id: string) => void;
}

/** One order in the queue. Memoised: a row re-renders only when its order, its selection or the clock changes. */
export const OrderRow = memo(function OrderRow({ row, selected, style, onOpen }: Props) {
  const { t } = useTranslation();
  const now = useNow();
  const { order, derived } = row;
  const deadline = rowDeadline(row, now);
  return (
    <div
      role="row"
      aria-selected={selected}
      data-testid={`order-row-${order.id}`}
      data-status={derived.status}
      data-deadline={deadline}
      onClick={() => onOpen(order.id)}
      style={{
        ...style,
        height: ROW_HEIGHT,
        display: 'grid',
        gridTemplateColumns: QUEUE_COLUMNS,
        alignItems: 'center',
        gap: 12,
        padding: '0 16px 0 10px',
        borderLeft: `8px solid ${DEADLINE_COLOURS[deadline]}`,
        borderBottom: '1px solid #d9d9d9',
        background: selected ? '#bae0ff' : deadline === 'late' ? '#fff1f0' : deadline === 'at_risk' ? '#fff7e6' : '#fff',
        outline: selected ? '3px solid #0b5cad' : 'none',
        outlineOffset: -3,
        cursor: 'pointer',
        fontSize: 18,
        color: '#141414',
      }}
    >
      <span style={{ fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace', fontWeight: 700, fontSize: 19, overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {order.id}
      </span>
      <span style={{ fontWeight: order.fulfilment.slot.kind === '1h' ? 700 : 400 }}>{t(`slot.${order.fulfilment.slot.kind}`)}</span>
      <span>{t(`fulfilment.${order.fulfilment.type}`)}</span>
      <span style={{ fontWeight: order.payment.method === 'cod' ? 700 : 400 }}>{t(`payment.${order.payment.method}`)}</span>
      <span>{t('queue.lines', { count: order.lines.length })}</span>
      <span>
        <StatusBadge status={derived.status} />
      </span>
      <Countdown dueAt={order.dueAt} now={now} deadline={deadline} />
    </div>
  );
});
