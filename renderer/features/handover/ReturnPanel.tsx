import { useRef, useState } from 'react';
import { App as AntApp, Button, Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { courierOf, DELIVERY_FAIL_REASONS, parseYuan, type DeliveryFailReason, type Operator } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { formatYuan } from '../../ui/format.js';
import { useActor } from '../signin/current-operator.js';
import { useApproval } from '../approval/use-approval.js';
import { gateOf } from '../approval/authorize.js';
import type { QueueRow } from '../orders/queue.js';
import { findByLabel } from './find.js';
import { dueOf, recordDelivered, recordDeliveryFailed, recordRestock, type MoneyTaken } from './record.js';
import { Field, panel, useHandoverKeys } from './parts.js';

type Form =
  | { kind: 'delivered'; orderId: string; method: 'cash' | 'card'; cash: string; batch: string; reference: string; reason: string; ids: { eventId: string; paymentId: string } }
  | { kind: 'failed'; orderId: string; reason: DeliveryFailReason; restock: boolean };

/**
 * A courier back from the run: their dispatched orders, each marked delivered (with the cash they hand in, or the
 * card slip's batch and reference) or failed with a reason, which puts it back in the queue as packed. Cash other
 * than what is due needs a manager's PIN and a reason.
 */
export function ReturnPanel(props: { courier: Operator; rows: readonly QueueRow[]; refuse: (text: string) => void; onLeave: () => void }) {
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { requestApproval, dialog } = useApproval();
  const { courier, rows, refuse } = props;
  const out = rows.filter((r) => courierOf(r.derived) === courier.id);
  const [cursor, setCursor] = useState(0);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<InputRef>(null);
  const selected = out[Math.min(cursor, out.length - 1)] ?? null;
  // Giving up puts goods back on the shelf: for those who may undo a pick (permissions.ts, order.restock).
  const mayRestock = gateOf(actor.roles, 'order.restock') === 'allowed';
  const formRow = form ? (rows.find((r) => r.order.id === form.orderId) ?? null) : null;

  const openDelivered = (row: QueueRow) => {
    setForm({ kind: 'delivered', orderId: row.order.id, method: 'cash', cash: dueOf(row) > 0 ? (dueOf(row) / 100).toFixed(2) : '', batch: '', reference: '', reason: '', ids: { eventId: createEventId(), paymentId: createEventId() } });
    setTimeout(() => firstField.current?.focus(), 0);
  };
  const openFailed = (row: QueueRow) => setForm({ kind: 'failed', orderId: row.order.id, reason: 'not_home', restock: false });

  // A scanned package (or the run sheet's order code) picks the order.
  useScanHandler((code) => {
    const row = findByLabel(out, code);
    if (!row) {
      refuse(t('handover.notFound', { code }));
      return true;
    }
    setCursor(out.indexOf(row));
    setForm(null);
    return true;
  });

  const record = async () => {
    if (!form || !formRow || busy) return;
    setBusy(true);
    try {
      let result;
      if (form.kind === 'failed') {
        result = await recordDeliveryFailed(db, formRow, actor, form.reason, { newId: createEventId });
        // Given up: straight back on the shelf, from the packed state the failure just made.
        if (result.ok && form.restock) result = await recordRestock(db, { ...formRow, derived: { ...formRow.derived, status: 'packed' } }, actor, 'delivery_given_up', { newId: createEventId });
      }
      else {
        const due = dueOf(formRow);
        let money: MoneyTaken | null = null;
        if (due > 0) {
          if (form.method === 'card') money = { tender: { method: 'card', batch: form.batch, reference: form.reference } };
          else {
            const cash = parseYuan(form.cash);
            if (cash === null) return refuse(t('handover.badAmount'));
            money = { tender: { method: 'cash', tendered: cash } };
            if (cash !== due) {
              const managerId = await requestApproval({ action: 'payment.difference', requesterId: actor.operatorId, summary: t('handover.approvalSummary', { id: formRow.order.id, amount: formatYuan(cash), due: formatYuan(due) }) });
              if (!managerId) return;
              money = { ...money, amount: cash, approvedBy: managerId, reason: form.reason };
            }
          }
        }
        result = await recordDelivered(db, formRow, actor, courier.id, money, { newId: createEventId, ...form.ids });
      }
      if (!result.ok) return refuse(t('handover.refused', { code: result.code, message: result.message }));
      const done = form.kind === 'delivered' ? 'handover.markedDelivered' : form.restock ? 'handover.markedRestocked' : 'handover.markedFailed';
      void message.success({ content: <span data-testid="return-done">{t(done, { id: formRow.order.id })}</span>, key: 'return' });
      setForm(null);
    } finally {
      setBusy(false);
    }
  };

  useHandoverKeys(
    (key) => {
      if (form?.kind === 'failed' && /^[1-6]$/.test(key)) setForm({ ...form, reason: DELIVERY_FAIL_REASONS[Number(key) - 1]! });
      else if (form?.kind === 'failed' && key === 's' && mayRestock) setForm({ ...form, restock: !form.restock });
      else if (form?.kind === 'delivered' && (key === '1' || key === '2')) {
        setForm({ ...form, method: key === '1' ? 'cash' : 'card' });
        setTimeout(() => firstField.current?.focus(), 0);
      } else if (!form && selected && key === 'v') openDelivered(selected);
      else if (!form && selected && key === 'f') openFailed(selected);
    },
    (e) => {
      if (e.key === 'Escape') {
        if (form) setForm(null);
        else props.onLeave();
      } else if (form && e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) void record();
      else if (!form && e.key === 'ArrowDown') setCursor((c) => Math.min(c + 1, out.length - 1));
      else if (!form && e.key === 'ArrowUp') setCursor((c) => Math.max(c - 1, 0));
      else return false;
      return true;
    },
  );
  const due = formRow ? dueOf(formRow) : 0;
  const cash = form?.kind === 'delivered' ? parseYuan(form.cash) : null;

  return (
    <div data-testid="return-panel" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16, flex: 1, minHeight: 0 }}>
      <section style={{ ...panel, overflowY: 'auto' }}>
        <h3 style={{ marginTop: 0, fontSize: 20 }}>{t('handover.returnPrompt')}</h3>
        {out.length === 0 && <p data-testid="return-empty" style={{ fontSize: 17 }}>{t('handover.noDispatched')}</p>}
        {out.map((r) => (
          <div key={r.order.id} data-testid="return-row" data-order-id={r.order.id} data-selected={String(r === selected)} onClick={() => setCursor(out.indexOf(r))}
            style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 18, padding: '6px 8px', borderRadius: 6, cursor: 'pointer', background: r === selected ? '#e6f4ff' : undefined }}>
            <span><code>{r.order.id}</code> · {r.order.customer.name}</span>
            <strong>{dueOf(r) > 0 ? formatYuan(dueOf(r)) : t('handover.prepaid')}</strong>
          </div>
        ))}
        <div style={{ fontSize: 14, color: '#595959', marginTop: 8 }}>{t('handover.returnKeys')}</div>
        {selected && !form && (
          <div style={{ display: 'flex', gap: 12, marginTop: 12 }}>
            <Button size="large" type="primary" data-testid="return-delivered" onClick={() => openDelivered(selected)}>{t('handover.delivered')}</Button>
            <Button size="large" danger data-testid="return-failed" onClick={() => openFailed(selected)}>{t('handover.failed')}</Button>
          </div>
        )}
      </section>
      <section data-testid="return-form" data-kind={form?.kind ?? ''} style={{ ...panel, display: 'flex', flexDirection: 'column', gap: 12 }}>
        {form && formRow && (
          <>
            <strong style={{ fontSize: 24 }}>{t('handover.order', { id: formRow.order.id })}</strong>
            {form.kind === 'failed' ? (
              <>
                <span style={{ fontSize: 18 }}>{t('handover.failReason')}</span>
                {DELIVERY_FAIL_REASONS.map((reason, i) => (
                  <Button key={reason} size="large" data-testid={`return-reason-${reason}`} type={form.reason === reason ? 'primary' : 'default'} onClick={() => setForm({ ...form, reason })} style={{ textAlign: 'left' }}>
                    {i + 1}. {t(`handover.failReasons.${reason}`)}
                  </Button>
                ))}
                <Button size="large" data-testid="return-restock" data-on={String(form.restock)} disabled={!mayRestock} type={form.restock ? 'primary' : 'dashed'} onClick={() => setForm({ ...form, restock: !form.restock })} style={{ textAlign: 'left' }}>
                  {form.restock ? '☑' : '☐'} {t('handover.restock')}
                </Button>
              </>
            ) : due === 0 ? (
              <strong style={{ fontSize: 22, color: '#135200' }}>{t('handover.nothingDue')}</strong>
            ) : (
              <>
                <span style={{ fontSize: 18 }}>{t('handover.due')}: <strong data-testid="return-due" style={{ fontSize: 30 }}>{formatYuan(due)}</strong></span>
                <div style={{ display: 'flex', gap: 8 }}>
                  <Button size="large" data-testid="return-cash" type={form.method === 'cash' ? 'primary' : 'default'} onClick={() => setForm({ ...form, method: 'cash' })}>{t('handover.cash')}</Button>
                  <Button size="large" data-testid="return-card" type={form.method === 'card' ? 'primary' : 'default'} onClick={() => setForm({ ...form, method: 'card' })}>{t('handover.card')}</Button>
                </div>
                {form.method === 'cash' ? (
                  <>
                    <Field label={t('handover.amount')}><Input ref={firstField} size="large" data-testid="return-cash-amount" value={form.cash} onChange={(e) => setForm({ ...form, cash: e.target.value })} onPressEnter={() => void record()} style={{ fontSize: 24 }} /></Field>
                    {cash !== null && cash !== due && <Field label={t('handover.reason')}><Input size="large" data-testid="return-reason" data-scan-passthrough="true" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} onPressEnter={() => void record()} /></Field>}
                  </>
                ) : (
                  <div style={{ display: 'flex', gap: 8 }}>
                    <Field label={t('handover.batch')}><Input ref={firstField} size="large" data-testid="return-batch" value={form.batch} onChange={(e) => setForm({ ...form, batch: e.target.value })} /></Field>
                    <Field label={t('handover.reference')} wide><Input size="large" data-testid="return-reference" value={form.reference} onChange={(e) => setForm({ ...form, reference: e.target.value })} onPressEnter={() => void record()} /></Field>
                  </div>
                )}
              </>
            )}
            <div style={{ display: 'flex', gap: 12, marginTop: 'auto' }}>
              <Button type="primary" size="large" data-testid="return-record" loading={busy} onClick={() => void record()} style={{ height: 52, fontSize: 20 }}>{t('handover.record')}</Button>
              <Button size="large" data-testid="return-cancel" onClick={() => setForm(null)} style={{ height: 52 }}>{t('handover.cancel')}</Button>
            </div>
          </>
        )}
      </section>
      {dialog}
    </div>
  );
}
