import { useLayoutEffect, useMemo } from 'react';
import { Alert, Descriptions, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useNow } from '../../ui/now.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { formatStoreTime, formatYuan, maskPhone } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import type { OrderLine } from '../../../sync/model/index.js';
import { loadedQueueRow, queueRow$ } from './live.js';
import { rowDeadline } from './queue.js';
import { Countdown, StatusBadge } from './labels.js';
import { OrderActions } from './OrderActions.js';
import { OrderHistory } from './OrderHistory.js';
import { QUEUE_MARKS, markFrame } from './perf-marks.js';
import { PrintLabelsBar } from '../printing/PrintLabelsBar.js';

const big = { fontSize: 18 } as const;
const cell = { padding: '12px 16px', borderBottom: '1px solid #f0f0f0', textAlign: 'left', fontSize: 18 } as const;

/** One order, live: what to pick, for whom, by when, what happened so far, and what can be done next. */
export function OrderDetail(props: { orderId: string }) {
  const { db } = useSession();
  const { t } = useTranslation();
  const now = useNow();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const live = useObservable(() => queueRow$(db, props.orderId), [db, props.orderId]);
  // Until the subscription delivers, the queue's rows in memory (when loaded) stand in: no spinner, no extra commit.
  const loaded = useMemo(() => loadedQueueRow(db, props.orderId), [db, props.orderId]);
  const shown = (live.status === 'ready' && live.value !== null) || (live.status === 'loading' && loaded !== undefined);
  useLayoutEffect(() => {
    if (shown) markFrame(QUEUE_MARKS.detailShown);
  }, [shown, props.orderId]);

  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;
  if (live.status === 'loading' && !loaded) return <Spin size="large" />;
  const row = live.status === 'ready' ? live.value : (loaded ?? null);
  if (!row) return <Alert type="warning" title={t('detail.notFound', { id: props.orderId })} data-testid="order-detail-missing" />;
  const { order, derived } = row;
  const { fulfilment, payment, customer } = order;
  const address = fulfilment.address;
  const lineTotal = order.lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0);

  return (
    <div data-testid="order-detail" data-order-id={order.id} data-status={derived.status} style={{ display: 'flex', flexDirection: 'column', gap: 20 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 20, flexWrap: 'wrap' }}>
        <StatusBadge status={derived.status} large testId="detail-status" />
        <Countdown dueAt={order.dueAt} now={now} deadline={rowDeadline(row, now)} />
      </div>
      {derived.returnRequested && <Alert type="warning" showIcon title={t('detail.returnRequested')} />}

      <OrderActions row={row} />
      <PrintLabelsBar row={row} />

      <Descriptions bordered column={2} size="middle" styles={{ label: big, content: big }}>
        <Descriptions.Item label={t('detail.slot')}>
          {t(`slot.${fulfilment.slot.kind}`)} · {t(`fulfilment.${fulfilment.type}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.due')}>{formatStoreTime(order.dueAt, timeZone)}</Descriptions.Item>
        <Descriptions.Item label={t('detail.customer')}>{customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('detail.phone')}>
          <span data-testid="detail-phone">{maskPhone(customer.phone)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.address')} span={2}>
          {address ? [address.line1, address.line2, address.city].filter(Boolean).join(', ') : t('detail.noAddress')}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.payment')} span={2}>
          <strong>{t(`payment.${payment.method}`)}</strong> · {formatYuan(payment.amount, payment.currency)} ·{' '}
          {payment.paid ? t('payment.paid') : <strong style={{ color: '#ad4e00' }}>{t('payment.unpaid')}</strong>}
        </Descriptions.Item>
      </Descriptions>

      <section data-testid="detail-lines">
        <h3 style={{ fontSize: 20, margin: '0 0 8px' }}>{t('detail.lines')}</h3>
        {/*
          A plain table, not antd's Table: opening an order is on the scan path (target 50 ms), and antd's Table
          costs about 25 ms per mount (rc-table measures the scrollbar with a forced layout, plus its styles).
        */}
        <table style={{ width: '100%', borderCollapse: 'collapse', border: '1px solid #f0f0f0' }}>
          <thead>
            <tr style={{ background: '#fafafa' }}>
              <th style={cell}>{t('detail.sku')}</th>
              <th style={cell}>{t('detail.name')}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t('detail.qty')}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t('detail.price')}</th>
              <th style={{ ...cell, textAlign: 'right' }}>{t('detail.subtotal')}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((l: OrderLine, i) => (
              <tr key={`${l.sku}:${i}`} data-testid="detail-line" data-sku={l.sku}>
                <td style={cell}><code style={big}>{l.sku}</code></td>
                <td style={{ ...cell, ...big }}>{l.name}</td>
                <td style={{ ...cell, textAlign: 'right' }}><strong style={{ fontSize: 22 }}>{l.qty}</strong></td>
                <td style={{ ...cell, ...big, textAlign: 'right' }}>{formatYuan(l.unitPrice, payment.currency)}</td>
                <td style={{ ...cell, ...big, textAlign: 'right' }}>{formatYuan(l.qty * l.unitPrice, payment.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr style={{ background: '#fafafa' }}>
              <td colSpan={4} style={{ ...cell, textAlign: 'right' }}><strong style={big}>{t('detail.total')}</strong></td>
              <td style={{ ...cell, textAlign: 'right' }}><strong style={big}>{formatYuan(lineTotal, payment.currency)}</strong></td>
            </tr>
          </tfoot>
        </table>
      </section>

      <OrderHistory history={derived.history} />
    </div>
  );
}
