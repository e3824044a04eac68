import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { formatYuan, maskPhone } from '../../ui/format.js';
import { toCodedError } from '../../ui/errors.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { useActor, useOperator } from '../signin/current-operator.js';
import { labelStore } from '../printing/use-print-labels.js';
import type { QueueRow } from '../orders/queue.js';
import { chooseForRun } from './find.js';
import { dueOf, recordDispatch } from './record.js';
import { panel, useHandoverKeys } from './parts.js';

const addressOf = (row: QueueRow) => {
  const a = row.order.fulfilment.address;
  return a ? [a.line1, a.line2, a.city].filter(Boolean).join(', ') : '';
};

/** The dispatch of one courier's run: scan packages onto the run, then P records it and prints the run sheet. */
export function DispatchPanel(props: { courier: Operator; rows: readonly QueueRow[]; refuse: (text: string) => void; statusText: (s: string) => string; onLeave: () => void }) {
  const { db, platform } = useSession();
  const actor = useActor();
  const me = useOperator();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [run, setRun] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { courier, rows, refuse } = props;
  const waiting = rows.filter((r) => r.order.fulfilment.type === 'delivery' && r.derived.status === 'packed' && !run.includes(r.order.id));
  const onRun = run.map((id) => rows.find((r) => r.order.id === id)).filter((r): r is QueueRow => r !== undefined);
  const total = onRun.reduce((n, r) => n + dueOf(r), 0);

  useScanHandler((code) => {
    if (busy) return true;
    const choice = chooseForRun(rows, code, run);
    if (choice.ok) setRun((r) => [...r, choice.row.order.id]);
    else refuse(t(`handover.${choice.code}`, { ...choice.params, status: choice.params.status ? props.statusText(choice.params.status) : '' }));
    return true;
  });

  const dispatch = async () => {
    if (busy || onRun.length === 0) return;
    setBusy(true);
    try {
      const done: QueueRow[] = [];
      for (const row of onRun) {
        const result = await recordDispatch(db, row, actor, courier.id, { newId: createEventId });
        if (!result.ok) refuse(t('handover.refused', { code: result.code, message: `${row.order.id}: ${result.message}` }));
        else done.push(row);
      }
      if (done.length === 0) return;
      void message.success({ content: <span data-testid="dispatch-done">{t('handover.dispatched', { count: done.length, name: courier.name })}</span>, key: 'dispatch' });
      setRun([]);
      const store = await labelStore(db, actor.storeId);
      const sheet = await platform.printRunSheet({
        storeName: store.name,
        timeZone: useStoreTimeZone.getState().timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        courierId: courier.id,
        courierName: courier.name,
        operatorName: me.name,
        dispatchedAt: new Date().toISOString(),
        orders: done.map((r) => ({ orderId: r.order.id, customerName: r.order.customer.name, phone: maskPhone(r.order.customer.phone), address: addressOf(r), dueAt: r.order.dueAt, collect: dueOf(r), currency: r.order.payment.currency })),
      });
      void message.info({ content: <span data-testid="run-sheet" data-path={sheet.path}>{t('handover.runSheetSaved', { where: sheet.handedTo ?? sheet.path })}</span>, key: 'sheet', duration: 6 });
    } catch (err) {
      console.error('dispatch failed', err);
      refuse(t('handover.runSheetFailed', { message: toCodedError(err, 'INTERNAL').message }));
    } finally {
      setBusy(false);
    }
  };

  useHandoverKeys(
    (key) => {
      if (key === 'p') void dispatch();
    },
    (e) => {
      if (e.key === 'Backspace') setRun((r) => r.slice(0, -1));
      else if (e.key === 'Escape') props.onLeave();
      else return false;
      return true;
    },
  );

  return (
    <div data-testid="dispatch-panel" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16, flex: 1, minHeight: 0 }}>
      <section style={{ ...panel, overflowY: 'auto' }}>
        <h3 style={{ marginTop: 0, fontSize: 20 }}>{t('handover.packedOrders')}</h3>
        {waiting.length === 0 && <p style={{ fontSize: 17 }}>{t('handover.noPacked')}</p>}
        {waiting.map((r) => (
          <div key={r.order.id} data-testid="dispatch-waiting" data-order-id={r.order.id} style={{ display: 'flex', justifyContent: 'space-between', fontSize: 17, padding: '4px 0' }}>
            <code>{r.order.id}</code>
            <span>{dueOf(r) > 0 ? t('handover.collect', { amount: formatYuan(dueOf(r)) }) : t('handover.prepaid')}</span>
          </div>
        ))}
      </section>
      <section style={{ ...panel, display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0 }}>
        <h3 style={{ margin: 0, fontSize: 20 }}>{t('handover.onRun')} <span style={{ fontWeight: 400, fontSize: 15 }}>{t('handover.dispatchPrompt')}</span></h3>
        <div data-testid="dispatch-run" data-count={onRun.length} style={{ flex: 1, overflowY: 'auto' }}>
          {onRun.length === 0 && <p style={{ fontSize: 17, color: '#595959' }}>{t('handover.runEmpty')}</p>}
          {onRun.map((r, i) => (
            <div key={r.order.id} data-testid="dispatch-run-row" data-order-id={r.order.id} style={{ display: 'grid', gridTemplateColumns: '28px 1fr auto', gap: 8, fontSize: 17, padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
              <span>{i + 1}.</span>
              <span><code>{r.order.id}</code> · {r.order.customer.name} · {addressOf(r)}</span>
              <strong>{dueOf(r) > 0 ? formatYuan(dueOf(r)) : t('handover.prepaid')}</strong>
            </div>
          ))}
        </div>
        <strong data-testid="dispatch-total" data-total={total} style={{ fontSize: 26 }}>{t('handover.runTotal', { amount: formatYuan(total) })}</strong>
        <div style={{ fontSize: 14, color: '#595959' }}>{t('handover.dispatchKeys')}</div>
        <Button type="primary" size="large" data-testid="dispatch-confirm" loading={busy} disabled={onRun.length === 0} onClick={() => void dispatch()} style={{ height: 52, fontSize: 20 }}>{t('handover.dispatch')}</Button>
      </section>
    </div>
  );
}
