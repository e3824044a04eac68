import { useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeFor, parseYuan, pickupPlace, type OrderStatus, type PickupProof } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { refusalBeep } from '../../ui/beep.js';
import { formatYuan, maskPhone } from '../../ui/format.js';
import { useActor } from '../signin/current-operator.js';
import { useApproval } from '../approval/use-approval.js';
import { queueRows$ } from '../orders/live.js';
import type { QueueRow } from '../orders/queue.js';
import { chooseForCounter } from './find.js';
import { dueOf, recordCounterPickup, type MoneyTaken } from './record.js';
import { passVerifier } from '../pickup/counter-proof.js';
import { Big, Field, panel, useHandoverKeys } from './parts.js';

interface Draft {
  orderId: string;
  proof: PickupProof | null;
  method: 'cash' | 'card' | null;
  tendered: string;
  batch: string;
  reference: string;
  /** Set when staff take another amount (M): the text, the reason, and the manager once approved. */
  other: { amount: string; reason: string; approvedBy: string | null } | null;
  /** Made once per order, so a retried write records the same facts. */
  ids: { eventId: string; paymentId: string };
}

/** Focus a field once React has rendered it (it appears with the key that asked for it). */
const focusSoon = (ref: { current: InputRef | null }) => setTimeout(() => ref.current?.focus(), 0);

const newDraft = (orderId: string): Draft => ({ orderId, proof: null, method: null, tendered: '', batch: '', reference: '', other: null, ids: { eventId: createEventId(), paymentId: createEventId() } });

/**
 * The counter (F7): scan the order's label, check the customer (the pass, the code, or the staff's word), take the
 * money for a cash-on-delivery order (cash with the change shown big, or the card slip), and hand over: the payment
 * and the `picked_up` fact are recorded together. A different amount needs a manager's PIN and a reason.
 */
export function CounterScreen() {
  const { db, device } = useSession();
  const verifier = useMemo(() => passVerifier(db, device.storeId), [db, device.storeId]);
  const actor = useActor();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { requestApproval, dialog } = useApproval();
  const live = useObservable(() => queueRows$(db), [db]);
  const rows = useMemo(() => (live.status === 'ready' ? live.value : []), [live]);
  const ready = useMemo(() => rows.filter((r) => r.order.fulfilment.type === 'pickup' && r.derived.status === 'ready'), [rows]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [cursor, setCursor] = useState(0);
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const orderInput = useRef<InputRef>(null);
  const codeInput = useRef<InputRef>(null);
  const tenderedInput = useRef<InputRef>(null);
  const batchInput = useRef<InputRef>(null);
  const amountInput = useRef<InputRef>(null);

  const row: QueueRow | null = draft ? (rows.find((r) => r.order.id === draft.orderId) ?? null) : null;
  const due = row ? dueOf(row) : 0;
  const refuse = (text: string) => {
    refusalBeep();
    void message.error({ content: <span data-testid="counter-refusal">{text}</span>, key: 'counter' });
  };
  const open = (scanned: string) => {
    const choice = chooseForCounter(rows, scanned);
    if (!choice.ok) return refuse(t(`handover.${choice.code}`, { ...choice.params, status: choice.params.status ? t(`status.${choice.params.status as OrderStatus}`) : '' }));
    setDraft(newDraft(choice.row.order.id));
    setCode(null);
    setTyped('');
    // The order's keys (S, 1, 2, M, Enter) belong to the screen now, not to the order field.
    orderInput.current?.blur();
  };
  const leave = () => {
    setDraft(null);
    setCode(null);
    setTimeout(() => orderInput.current?.focus(), 0);
  };
  const update = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const checkProof = async (kind: 'qr' | 'code', text: string) => {
    if (!row) return;
    const check = await verifier.check(row, { kind, text });
    if (check.ok) update({ proof: check.proof });
    else refuse(check.message);
  };

  useScanHandler((scanned) => {
    if (busy) return true;
    if (draft && !draft.proof && scanned.startsWith('P1')) return void checkProof('qr', scanned);
    open(scanned);
    return true;
  });

  const amountTaken = (): number | null => (draft?.other ? parseYuan(draft.other.amount) : due);
  const askApproval = async () => {
    if (!draft?.other || !row) return false;
    const amount = parseYuan(draft.other.amount);
    if (amount === null) {
      refuse(t('handover.badAmount'));
      return false;
    }
    if (amount === due) return true;
    const managerId = draft.other.approvedBy ?? (await requestApproval({ action: 'payment.difference', requesterId: actor.operatorId, summary: t('handover.approvalSummary', { id: row.order.id, amount: formatYuan(amount), due: formatYuan(due) }) }));
    if (!managerId) return false;
    update({ other: { ...draft.other, approvedBy: managerId } });
    draft.other.approvedBy = managerId;
    return true;
  };

  const confirm = async () => {
    if (!draft || !row || busy) return;
    if (!draft.proof) return refuse(t('handover.needProof'));
    let money: MoneyTaken | null = null;
    if (due > 0) {
      if (!draft.method) return refuse(t('handover.needMethod'));
      const amount = amountTaken();
      if (amount === null) return refuse(t('handover.badAmount'));
      if (draft.other && !(await askApproval())) return;
      const tender = draft.method === 'cash' ? { method: 'cash' as const, tendered: parseYuan(draft.tendered) ?? -1 } : { method: 'card' as const, batch: draft.batch, reference: draft.reference };
      if (tender.method === 'cash' && tender.tendered < 0) return refuse(t('handover.badAmount'));
      money = { tender, ...(amount !== due ? { amount, approvedBy: draft.other?.approvedBy ?? '', reason: draft.other?.reason ?? '' } : {}) };
    }
    setBusy(true);
    try {
      const result = await recordCounterPickup(db, row, actor, draft.proof, money, { newId: createEventId, ...draft.ids });
      if (!result.ok) return refuse(t('handover.refused', { code: result.code, message: result.message }));
      void message.success({ content: <span data-testid="counter-done">{t('handover.handedOver', { id: row.order.id })}</span>, key: 'counter' });
      leave();
    } catch (err) {
      console.error('recording the counter handover failed', err);
      refuse(String(err));
    } finally {
      setBusy(false);
    }
  };

  // Single keys, when no field has the keyboard; Esc works from the fields too, Enter through each field's own.
  useHandoverKeys(
    (key) => {
      if (!draft) return;
      const money = due > 0;
      if (key === 's') update({ proof: 'staff' });
      else if (key === 'c') {
        setCode('');
        focusSoon(codeInput);
      } else if (key === '1' && money) {
        update({ method: 'cash' });
        focusSoon(tenderedInput);
      } else if (key === '2' && money) {
        update({ method: 'card' });
        focusSoon(batchInput);
      } else if (key === 'm' && money) {
        update({ other: draft.other ?? { amount: '', reason: '', approvedBy: null } });
        focusSoon(amountInput);
      }
    },
    (e) => {
      if (e.key === 'Escape') return draft ? (leave(), true) : false;
      if (draft) return e.key === 'Enter' && !(e.target instanceof HTMLButtonElement) ? (void confirm(), true) : false;
      if (e.key === 'ArrowDown') setCursor(Math.min(cursor + 1, ready.length - 1));
      else if (e.key === 'ArrowUp') setCursor(Math.max(cursor - 1, 0));
      else if (e.key === 'Enter' && ready[cursor]) setDraft(newDraft(ready[cursor].order.id));
      else return false;
      return true;
    },
  );
  const onFieldEnter = () => void confirm();

  const tendered = draft ? parseYuan(draft.tendered) : null;
  const taken = amountTaken();
  const change = tendered !== null && taken !== null ? changeFor(tendered, taken) : null;
  const place = row ? pickupPlace(row.derived) : null;

  return (
    <div data-testid="counter-screen" style={{ display: 'grid', gridTemplateColumns: '380px 1fr', gap: 16, padding: 16, height: '100%', minHeight: 0 }}>
      <section style={{ ...panel, display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0 }}>
        <label style={{ fontSize: 18, fontWeight: 700 }}>{t('handover.orderPrompt')}</label>
        <Input ref={orderInput} autoFocus size="large" data-testid="counter-order-input" placeholder={t('handover.orderPlaceholder')} value={typed} onChange={(e) => setTyped(e.target.value)} onPressEnter={() => open(typed)} />
        <h3 style={{ margin: '8px 0 0', fontSize: 18 }}>{t('handover.readyOrders')}</h3>
        <ol data-testid="counter-ready-list" style={{ listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto', flex: 1 }}>
          {ready.length === 0 && <li style={{ color: '#595959', fontSize: 16 }}>{t('handover.noReady')}</li>}
          {ready.map((r, i) => (
            <li key={r.order.id} data-testid="counter-ready-row" data-order-id={r.order.id} onClick={() => setDraft(newDraft(r.order.id))}
              style={{ padding: '6px 8px', fontSize: 17, cursor: 'pointer', borderRadius: 6, background: !draft && i === cursor ? '#e6f4ff' : draft?.orderId === r.order.id ? '#fffbe6' : undefined, display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <code>{r.order.id}</code>
              <span>{dueOf(r) > 0 ? formatYuan(dueOf(r)) : t('handover.prepaid')}</span>
            </li>
          ))}
        </ol>
        <div style={{ fontSize: 14, color: '#595959' }}>{t('handover.listKeys')}</div>
      </section>
      {draft && row ? (
        <section data-testid="counter-order" data-order-id={row.order.id} style={{ ...panel, display: 'flex', flexDirection: 'column', gap: 12, minHeight: 0, overflowY: 'auto' }}>
          <div style={{ display: 'flex', gap: 24, alignItems: 'baseline', flexWrap: 'wrap', fontSize: 20 }}>
            <strong style={{ fontSize: 30 }}>{t('handover.order', { id: row.order.id })}</strong>
            <span>{row.order.customer.name} · {maskPhone(row.order.customer.phone)}</span>
            <span>{t('handover.place')}: {place?.at === 'locker' ? t('handover.placeLocker', { bank: place.compartment.bankId, number: place.compartment.number }) : t('handover.placeCounter')}</span>
          </div>
          <Big testId="counter-due" label={t('handover.due')} value={due > 0 ? formatYuan(due) : t('handover.nothingDue')} tone={due > 0 ? 'warn' : 'ok'} />
          <div data-testid="counter-proof" data-proof={draft.proof ?? ''}>
            <h3 style={{ margin: 0, fontSize: 20 }}>{t('handover.proofTitle')}</h3>
            {draft.proof ? (
              <strong style={{ fontSize: 20, color: '#237804' }}>✔ {t(`handover.proof${draft.proof === 'qr' ? 'Qr' : draft.proof === 'code' ? 'Code' : 'Staff'}`)}</strong>
            ) : (
              <div style={{ display: 'flex', gap: 12, alignItems: 'center', fontSize: 17 }}>
                <span>{t('handover.proofKeys')}</span>
                {code !== null && <Input ref={codeInput} data-testid="counter-code" style={{ width: 180 }} size="large" placeholder={t('handover.codePlaceholder')} value={code} onChange={(e) => setCode(e.target.value)} onPressEnter={() => void checkProof('code', code)} />}
                <Button size="large" data-testid="counter-proof-staff" onClick={() => update({ proof: 'staff' })}>S</Button>
              </div>
            )}
          </div>
          {due > 0 && (
            <div data-testid="counter-payment" data-method={draft.method ?? ''}>
              <h3 style={{ margin: 0, fontSize: 20 }}>{t('handover.payTitle')} <span style={{ fontWeight: 400, fontSize: 15, color: '#595959' }}>{t('handover.payKeys')}</span></h3>
              <div style={{ display: 'flex', gap: 12, margin: '8px 0' }}>
                <Button size="large" type={draft.method === 'cash' ? 'primary' : 'default'} data-testid="counter-cash" onClick={() => update({ method: 'cash' })}>{t('handover.cash')}</Button>
                <Button size="large" type={draft.method === 'card' ? 'primary' : 'default'} data-testid="counter-card" onClick={() => update({ method: 'card' })}>{t('handover.card')}</Button>
                <Button size="large" data-testid="counter-other" onClick={() => update({ other: draft.other ?? { amount: '', reason: '', approvedBy: null } })}>{t('handover.otherAmount')}</Button>
              </div>
              {draft.other && (
                <div style={{ display: 'flex', gap: 12 }}>
                  <Field label={t('handover.amount')}><Input ref={amountInput} size="large" data-testid="counter-amount" value={draft.other.amount} onChange={(e) => update({ other: { ...draft.other!, amount: e.target.value, approvedBy: null } })} /></Field>
                  <Field label={t('handover.reason')} wide><Input size="large" data-testid="counter-reason" data-scan-passthrough="true" value={draft.other.reason} onChange={(e) => update({ other: { ...draft.other!, reason: e.target.value } })} onPressEnter={onFieldEnter} /></Field>
                </div>
              )}
              {draft.method === 'cash' && (
                <div style={{ display: 'flex', gap: 24, alignItems: 'flex-end' }}>
                  <Field label={t('handover.tendered')}><Input ref={tenderedInput} size="large" data-testid="counter-tendered" value={draft.tendered} onChange={(e) => update({ tendered: e.target.value })} onPressEnter={onFieldEnter} style={{ fontSize: 26, width: 200 }} /></Field>
                  <Big testId="counter-change" label={t('handover.change')} value={tendered === null ? '—' : change === null ? t('handover.changeShort') : formatYuan(change)} tone={change === null && tendered !== null ? 'bad' : 'ok'} />
                </div>
              )}
              {draft.method === 'card' && (
                <div style={{ display: 'flex', gap: 12 }}>
                  <Field label={t('handover.batch')}><Input ref={batchInput} size="large" data-testid="counter-batch" value={draft.batch} onChange={(e) => update({ batch: e.target.value })} /></Field>
                  <Field label={t('handover.reference')} wide><Input size="large" data-testid="counter-reference" value={draft.reference} onChange={(e) => update({ reference: e.target.value })} onPressEnter={onFieldEnter} /></Field>
                </div>
              )}
            </div>
          )}
          <div style={{ display: 'flex', gap: 12, marginTop: 'auto' }}>
            <Button type="primary" size="large" data-testid="counter-confirm" loading={busy} onClick={() => void confirm()} style={{ fontSize: 22, height: 56, minWidth: 260 }}>{t('handover.confirm')}</Button>
            <Button size="large" data-testid="counter-back" onClick={leave} style={{ height: 56 }}>{t('handover.back')}</Button>
          </div>
        </section>
      ) : (
        <section style={{ ...panel, display: 'grid', placeItems: 'center', fontSize: 24, color: '#595959' }}>{t('handover.orderPrompt')}</section>
      )}
      {dialog}
    </div>
  );
}
