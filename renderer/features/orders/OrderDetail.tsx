import { useLayoutEffect } from 'react';
import { Alert, Descriptions, Spin, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useNow } from '../../ui/now.js';
import { ErrorPanel } from '../../ui/ErrorPanel.js';
import { toCodedError } from '../../ui/errors.js';
import { formatStoreTime, formatYuan, maskPhone } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import type { OrderLine } from '../../../sync/model/index.js';
import { queueRow$ } from './live.js';
import { rowDeadline } from './queue.js';
import { Countdown, StatusBadge } from './labels.js';
import { OrderActions } from './OrderActions.js';
import { OrderHistory } from './OrderHistory.js';
import { QUEUE_MARKS, markFrame } from './perf-marks.js';
import { PrintLabelsBar } from '../printing/PrintLabelsBar.js';

const big = { fontSize: 18 } as const;

/** One order, live: what to pick, for whom, by when, what happened so far, and what can be done next. */
export function OrderDetail(props: { orderId: string }) {
  const { db } = useSession();
  const { t } = useTranslation();
  const now = useNow();
  const timeZone = useStoreTimeZone((s) => s.timeZone);
  const live = useObservable(() => queueRow$(db, props.orderId), [db, props.orderId]);
  const shown = live.status === 'ready' && live.value !== null;
  useLayoutEffect(() => {
    if (shown) markFrame(QUEUE_MARKS.detailShown);
  }, [shown, props.orderId]);

  if (live.status === 'loading') return <Spin size="large" />;
  if (live.status === 'error') return <ErrorPanel error={toCodedError(live.error, 'UNKNOWN')} />;
  const row = live.value;
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
        <Table<OrderLine>
          size="middle"
          pagination={false}
          rowKey={(l) => `${l.sku}:${order.lines.indexOf(l)}`}
          dataSource={[...order.lines]}
          columns={[
            { title: t('detail.sku'), dataIndex: 'sku', render: (v: string) => <code style={big}>{v}</code> },
            { title: t('detail.name'), dataIndex: 'name', render: (v: string) => <span style={big}>{v}</span> },
            { title: t('detail.qty'), dataIndex: 'qty', align: 'right', render: (v: number) => <strong style={{ fontSize: 22 }}>{v}</strong> },
            { title: t('detail.price'), dataIndex: 'unitPrice', align: 'right', render: (v: number) => <span style={big}>{formatYuan(v, payment.currency)}</span> },
            { title: t('detail.subtotal'), key: 'subtotal', align: 'right', render: (_: unknown, l) => <span style={big}>{formatYuan(l.qty * l.unitPrice, payment.currency)}</span> },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4} align="right"><strong style={big}>{t('detail.total')}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><strong style={big}>{formatYuan(lineTotal, payment.currency)}</strong></Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </section>

      <OrderHistory history={derived.history} />
    </div>
  );
}
