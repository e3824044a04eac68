import { useTranslation } from 'react-i18next';
import type { PrinterConfig } from '../../../main/contract.js';
import { ORDER_STATUSES, type FeedbackParams, type OrderStatus } from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';
import type { PackFeedbackCode } from './messages.js';

/** What the packer hears and sees after every scan or key. `seq` makes a repeated refusal show (and beep) again. */
export interface ScreenFeedback {
  ok: boolean;
  code: PackFeedbackCode;
  params: FeedbackParams;
  seq: number;
}

export type ShowFeedback = (f: { ok: boolean; code: PackFeedbackCode; params?: FeedbackParams }) => void;

const isStatus = (s: unknown): s is OrderStatus => typeof s === 'string' && (ORDER_STATUSES as readonly string[]).includes(s);

/** Large, coloured: green for a packed item, red for anything refused. */
export function FeedbackBar(props: { feedback: ScreenFeedback | null; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const { feedback, names } = props;
  if (!feedback) return <div data-testid="pack-feedback" data-ok="true" data-code="" style={{ minHeight: 64 }} />;
  const { params } = feedback;
  const sku = typeof params.sku === 'string' ? params.sku : null;
  const text = t(`packing.code.${feedback.code}`, {
    ...params,
    name: sku ? `${names.get(sku) ?? sku} (${sku})` : '',
    statusText: isStatus(params.status) ? t(`status.${params.status}`) : String(params.status ?? ''),
  });
  return (
    <div
      data-testid="pack-feedback"
      data-ok={String(feedback.ok)}
      data-code={feedback.code}
      key={feedback.seq}
      role={feedback.ok ? 'status' : 'alert'}
      style={{
        minHeight: 64, padding: '12px 20px', fontSize: 26, fontWeight: 700, borderRadius: 8,
        color: '#fff', background: feedback.ok ? '#237804' : '#c4161c', display: 'flex', alignItems: 'center', gap: 16,
      }}
    >
      <span style={{ fontSize: 32 }}>{feedback.ok ? '✓' : '✗'}</span>
      <span>{text}</span>
    </div>
  );
}

/** The printer the labels go to; a plain select so the keyboard (and a test) drives it like any field. */
export function PrinterSelect(props: { printers: readonly PrinterConfig[]; value: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const { printers } = props;
  if (printers.length === 0) {
    return <div data-testid="pack-no-printer" style={{ fontSize: 18, color: '#ad4e00', fontWeight: 600 }}>{t('packing.noPrinters')}</div>;
  }
  return (
    <label style={{ display: 'flex', alignItems: 'center', gap: 12, fontSize: 20 }}>
      <span>{t('packing.printer')} (P)</span>
      <select
        data-testid="pack-printer-select"
        value={props.value ?? ''}
        onChange={(e) => {
          props.onChange(e.target.value);
          // Back to the scanner keys: letters typed into a focused select would pick printers.
          e.target.blur();
        }}
        style={{ fontSize: 20, height: 44, minWidth: 240, padding: '0 8px' }}
      >
        {printers.map((p) => (
          <option key={p.id} value={p.id}>{`${p.name} (${p.id})`}</option>
        ))}
      </select>
    </label>
  );
}

/** Which order is on the bench: its id, status, customer and slot. */
export function OrderHeader(props: { row: QueueRow }) {
  const { t } = useTranslation();
  const { order, derived } = props.row;
  return (
    <div
      data-testid="pack-order"
      data-order-id={order.id}
      data-status={derived.status}
      style={{ display: 'flex', alignItems: 'baseline', gap: 24, flexWrap: 'wrap', fontSize: 22 }}
    >
      <strong style={{ fontSize: 34 }}>{t('packing.order', { id: order.id })}</strong>
      <span style={{ fontWeight: 700 }}>{t(`status.${derived.status}`)}</span>
      <span>{order.customer.name}</span>
      <span>{t(`fulfilment.${order.fulfilment.type}`)} · {t(`slot.${order.fulfilment.slot.kind}`)}</span>
    </div>
  );
}

export const panel = { background: '#fff', border: '2px solid #d9d9d9', borderRadius: 8, padding: 16 } as const;
