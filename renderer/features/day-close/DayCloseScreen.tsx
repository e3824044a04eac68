import { useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Input, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  batchAgrees, beyondTolerance, businessDayOf, cardBatchesOf, codOrdersOf, cashToleranceOf, countTotal, DENOMINATIONS, parseYuan, permission,
  type DayLists, type DayState, type DenominationCount,
} from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { refusalBeep } from '../../ui/beep.js';
import { formatYuan } from '../../ui/format.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { useActor } from '../signin/current-operator.js';
import { useOperatorNames } from '../signin/use-operator-names.js';
import { labelStore } from '../printing/use-print-labels.js';
import { toCodedError } from '../../ui/errors.js';
import { storeSettings$ } from '../signin/store-settings.js';
import { useApproval } from '../approval/use-approval.js';
import { Big, Field, panel, useHandoverKeys } from '../handover/parts.js';
import { dayLists$, drawer$, workingDay$ } from './live.js';
import { recordTill, type TillDraft } from './record.js';

type Movement = 'paid_in' | 'paid_out' | 'refund';
type Form =
  | { kind: Movement; amount: string; reason: string; orderId: string; id: string }
  | { kind: 'card_batch'; batch: string; count: string; total: string; id: string }
  | { kind: 'count'; qty: string[]; id: string }
  | { kind: 'reopen'; reason: string; id: string };

const focusSoon = (ref: { current: InputRef | null }) => setTimeout(() => ref.current?.focus(), 0);
const yuan = (fen: number) => formatYuan(fen);

/**
 * The day close (F10): this terminal's cash drawer for the store's business day. The opening float; paid-in,
 * paid-out and cash refunds with a reason; the card terminal's slip; the blind count by denomination (nothing of the
 * expected amount is shown before it is submitted); then the variance, and the close, with a manager's PIN and a
 * reason beyond the store's tolerance. Cash on delivery comes from the payments the counter and the courier return
 * recorded. Beside it, the day's orders the close lists. Works offline: every fact is written locally and syncs.
 */
export function DayCloseScreen() {
  const { db, device } = useSession();
  const timeZone = useStoreTimeZone((s) => s.timeZone) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const today = businessDayOf(new Date(), timeZone);
  const working = useObservable(() => workingDay$(db, { storeId: device.storeId, deviceId: device.deviceId, timeZone }, today), [db, device.storeId, device.deviceId, timeZone, today]);
  const businessDay = working.status === 'ready' ? working.value : today;
  const key = useMemo(() => ({ storeId: device.storeId, deviceId: device.deviceId, businessDay, timeZone }), [device.storeId, device.deviceId, businessDay, timeZone]);
  const live = useObservable(() => drawer$(db, key), [db, key]);
  const lists = useObservable(() => dayLists$(db, businessDay, timeZone), [db, businessDay, timeZone]);
  const settings = useObservable(() => storeSettings$(db, device.storeId), [db, device.storeId]);
  const tolerance = cashToleranceOf(settings.status === 'ready' ? settings.value : undefined);
  if (live.status !== 'ready' || working.status !== 'ready') return <div data-testid="dayclose-screen" data-state="loading" />;
  // One Drawer per day: a new day starts with fresh ids (a close id of yesterday's drawer is never reused).
  return <Drawer key={businessDay} s={live.value} lists={lists.status === 'ready' ? lists.value : null} tolerance={tolerance} timeZone={timeZone} />;
}

function Drawer({ s, lists, tolerance, timeZone }: { s: DayState; lists: DayLists | null; tolerance: number; timeZone: string }) {
  const { db, platform, device } = useSession();
  const names = useOperatorNames();
  const nameOf = (id: string) => names.get(id) ?? id;
  const actor = useActor();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { requestApproval, dialog } = useApproval();
  const businessDay = s.businessDay;
  const [form, setForm] = useState<Form | null>(null);
  const [float, setFloat] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const [busy, setBusy] = useState(false);
  const floatInput = useRef<InputRef>(null);
  const firstInput = useRef<InputRef>(null);
  const reasonInput = useRef<InputRef>(null);
  const countInput = useRef<InputRef>(null);
  const closeIds = useRef({ close: createEventId() });

  // Refusals and confirmations under keys of their own: a message updated under its key while it is leaving can be
  // lost, and a refusal must never be.
  const refuse = (text: string) => {
    refusalBeep();
    void message.error({ content: <span data-testid="dayclose-refusal">{text}</span>, key: 'dayclose-refusal' });
  };
  // A scan is the card slip's batch number (its barcode): into the slip form, opened for it when the drawer takes one.
  useScanHandler((scanned) => {
    const batch = scanned.trim();
    if (form?.kind === 'card_batch') setForm({ ...form, batch });
    else if (!form && (s.state === 'open' || s.state === 'counted')) {
      setForm({ kind: 'card_batch', batch, count: '', total: '', id: createEventId() });
      focusSoon(countInput);
    }
    return true;
  });
  const isManager = actor.roles.includes('manager');

  const write = async (draft: TillDraft, id: string, done: string = t('dayClose.done')): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    try {
      const result = await recordTill(db, actor, s, timeZone, draft, { id });
      if (!result.ok) {
        refuse(t('dayClose.refused', { code: result.code, message: result.message }));
        return false;
      }
      void message.success({ content: <span data-testid="dayclose-done">{done}</span>, key: 'dayclose-done' });
      return true;
    } catch (err) {
      console.error('recording a till fact failed', err);
      refuse(String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const openDrawer = async () => {
    const amount = parseYuan(float);
    if (amount === null) return refuse(t('dayClose.badAmount'));
    if (await write({ type: 'opened', amount }, createEventId())) setFloat('');
  };

  const start = (kind: Form['kind']) => {
    const id = createEventId();
    if (kind === 'count') setForm({ kind, qty: DENOMINATIONS.map(() => ''), id });
    else if (kind === 'card_batch') setForm({ kind, batch: '', count: '', total: '', id });
    else if (kind === 'reopen') setForm({ kind, reason: '', id });
    else setForm({ kind, amount: '', reason: '', orderId: '', id });
    focusSoon(firstInput);
  };

  const counts = (qty: readonly string[]): DenominationCount[] | null => {
    const out: DenominationCount[] = [];
    for (const [i, text] of qty.entries()) {
      const n = text.trim() === '' ? 0 : Number(text);
      if (!Number.isInteger(n) || n < 0 || n > 100_000) return null;
      out.push({ fen: DENOMINATIONS[i]!, qty: n });
    }
    return out;
  };

  const submit = async () => {
    if (!form) return;
    let draft: TillDraft;
    if (form.kind === 'count') {
      const denominations = counts(form.qty);
      if (!denominations) return refuse(t('dayClose.badAmount'));
      draft = { type: 'counted', denominations, counted: countTotal(denominations) };
    } else if (form.kind === 'card_batch') {
      const total = parseYuan(form.total);
      const count = Number(form.count);
      if (total === null || !Number.isInteger(count) || count < 0) return refuse(t('dayClose.badAmount'));
      draft = { type: 'card_batch', batch: form.batch.trim(), slipCount: count, slipTotal: total };
    } else if (form.kind === 'reopen') {
      if (!form.reason.trim()) return refuse(t('dayClose.reasonMissing'));
      draft = { type: 'reopened', reason: form.reason.trim() };
    } else {
      const amount = parseYuan(form.amount);
      if (amount === null) return refuse(t('dayClose.badAmount'));
      if (!form.reason.trim()) return refuse(t('dayClose.reasonMissing'));
      draft = { type: form.kind, amount, reason: form.reason.trim(), ...(form.kind === 'refund' && form.orderId.trim() ? { orderId: form.orderId.trim() } : {}) };
    }
    if (await write(draft, form.id)) {
      setForm(null);
      if (draft.type === 'reopened') closeIds.current = { close: createEventId() };
    }
  };

  const closeDay = async () => {
    const count = s.count;
    if (!count) return;
    const beyond = beyondTolerance(count.variance, tolerance);
    // Before the busy guard: a close pressed while the count's write settles still says what is missing.
    if (beyond && !closeReason.trim()) {
      focusSoon(reasonInput);
      return refuse(t('dayClose.reasonMissing'));
    }
    if (busy) return;
    let approvedBy: string | null = null;
    if (beyond && permission(actor.roles, 'day.variance').allowed && !isManager) {
      approvedBy = await requestApproval({ action: 'day.variance', requesterId: actor.operatorId, summary: t('dayClose.approvalSummary', { day: businessDay, variance: yuan(count.variance) }) });
      if (!approvedBy) return;
    }
    const draft: TillDraft = {
      type: 'closed', counted: count.counted, expected: count.expected, variance: count.variance, tolerance,
      ...(approvedBy ? { approvedBy } : {}), ...(beyond ? { reason: closeReason.trim() } : {}),
    };
    if (await write(draft, closeIds.current.close, t('dayClose.closedDone'))) {
      setCloseReason('');
      closeIds.current = { close: createEventId() };
    }
  };

  const printZ = async () => {
    const c = s.closes.at(-1);
    if (s.state !== 'closed' || !c || !s.count || busy) return;
    setBusy(true);
    try {
      const store = await labelStore(db, actor.storeId);
      const result = await platform.printZReport({
        storeName: store.name, timeZone, deviceName: device.deviceName, businessDay, closeId: c.closeId, closedAt: c.at,
        closedBy: `${nameOf(c.closedBy)} (${c.closedBy})`, countedBy: `${nameOf(s.count.operatorId)} (${s.count.operatorId})`,
        ...(c.approvedBy ? { approvedBy: `${nameOf(c.approvedBy)} (${c.approvedBy})` } : {}), ...(c.reason ? { reason: c.reason } : {}),
        float: s.float, cashTaken: s.cashTaken, paidIn: s.paidIn, paidOut: s.paidOut, refunds: s.refunds,
        expected: c.expected, counted: c.counted, variance: c.variance, tolerance: c.tolerance,
        denominations: s.count.denominations, cardBatches: cardBatchesOf(s, s.count.at), codOrders: codOrdersOf(s, s.count.at).length,
        refundsOwed: (lists?.refundsOwed ?? []).map((r) => ({ orderId: r.orderId, amount: r.amount })),
      });
      void message.info({ content: <span data-testid="dayclose-zreport" data-path={result.path}>{t('dayClose.printed')}: {result.handedTo ?? result.path}</span>, key: 'zreport', duration: 6 });
    } catch (err) {
      console.error('printing the Z report failed', err);
      refuse(toCodedError(err, 'INTERNAL').message);
    } finally {
      setBusy(false);
    }
  };

  useHandoverKeys(
    (k) => {
      if (form) return;
      if (s.state === 'closed' && k === 'p') return void printZ();
      if (s.state === 'open') {
        if (k === 'i') start('paid_in');
        else if (k === 'o') start('paid_out');
        else if (k === 'r') start('refund');
        else if (k === 'b') start('card_batch');
        else if (k === 'c') start('count');
      } else if (s.state === 'counted' && k === 'b') start('card_batch');
      else if (s.state === 'closed' && k === 'u' && isManager) start('reopen');
    },
    (e) => {
      if (e.key === 'Escape' && form) return (setForm(null), true);
      if (e.key === 'Enter' && !form && s.state === 'counted' && !(e.target instanceof HTMLButtonElement)) return (void closeDay(), true);
      return false;
    },
  );

  const visible = s.state === 'counted' || s.state === 'closed';
  const close = s.closes.at(-1);
  const batches = cardBatchesOf(s);

  return (
    <div data-testid="dayclose-screen" data-state={s.state} style={{ display: 'grid', gridTemplateColumns: '1fr 420px', gap: 12, padding: 12, height: '100%', minHeight: 0 }}>
      <section style={{ ...panel, display: 'flex', flexDirection: 'column', gap: 10, minHeight: 0, overflowY: 'auto' }}>
        <div style={{ display: 'flex', gap: 16, alignItems: 'baseline', flexWrap: 'wrap' }}>
          <strong style={{ fontSize: 26 }}>{t('dayClose.title', { day: businessDay })}</strong>
          <span data-testid="dayclose-state" style={{ fontSize: 20, fontWeight: 700, color: s.state === 'closed' ? '#135200' : '#ad4e00' }}>{t(`dayClose.state_${s.state}`)}</span>
          <span style={{ fontSize: 15, color: '#595959' }}>{t('dayClose.tolerance', { amount: yuan(tolerance) })}</span>
        </div>

        {s.state === 'none' && (
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end' }}>
            <Field label={t('dayClose.floatPrompt')}>
              <Input ref={floatInput} autoFocus size="large" data-testid="dayclose-float" value={float} onChange={(e) => setFloat(e.target.value)} onPressEnter={() => void openDrawer()} style={{ width: 220, fontSize: 24 }} />
            </Field>
            <Button type="primary" size="large" data-testid="dayclose-open" loading={busy} onClick={() => void openDrawer()}>{t('dayClose.open')}</Button>
          </div>
        )}

        {s.state === 'open' && !form && (
          <>
            <div style={{ fontSize: 17 }}>{t('dayClose.keysOpen')}</div>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              {(['paid_in', 'paid_out', 'refund', 'card_batch'] as const).map((k) => (
                <Button key={k} size="large" data-testid={`dayclose-${k}`} onClick={() => start(k)}>{t(`dayClose.${k}`)}</Button>
              ))}
              <Button type="primary" size="large" data-testid="dayclose-count" onClick={() => start('count')}>{t('dayClose.countTitle').split(':')[0]}</Button>
            </div>
            <div data-testid="dayclose-movements" style={{ fontSize: 16, color: '#595959' }}>{t('dayClose.movements', { count: s.payments.length })}</div>
          </>
        )}

        {form && (form.kind === 'paid_in' || form.kind === 'paid_out' || form.kind === 'refund') && (
          <div data-testid="dayclose-form" data-kind={form.kind} style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
            <strong style={{ fontSize: 20, width: '100%' }}>{t(`dayClose.${form.kind}`)}</strong>
            <Field label={t('dayClose.amount')}><Input ref={firstInput} size="large" data-testid="dayclose-amount" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} style={{ width: 160 }} /></Field>
            <Field label={t('dayClose.reason')} wide><Input size="large" data-testid="dayclose-reason" data-scan-passthrough="true" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} onPressEnter={() => void submit()} /></Field>
            {form.kind === 'refund' && <Field label={t('dayClose.orderId')}><Input size="large" data-testid="dayclose-order" value={form.orderId} onChange={(e) => setForm({ ...form, orderId: e.target.value })} onPressEnter={() => void submit()} /></Field>}
            <Button type="primary" size="large" data-testid="dayclose-save" loading={busy} onClick={() => void submit()}>{t('dayClose.save')}</Button>
            <Button size="large" onClick={() => setForm(null)}>{t('dayClose.cancel')}</Button>
          </div>
        )}

        {form?.kind === 'card_batch' && (
          <div data-testid="dayclose-form" data-kind="card_batch" style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
            <strong style={{ fontSize: 20, width: '100%' }}>{t('dayClose.card_batch')}</strong>
            <Field label={t('dayClose.batch')}><Input ref={firstInput} size="large" data-testid="dayclose-batch" value={form.batch} onChange={(e) => setForm({ ...form, batch: e.target.value })} /></Field>
            <Field label={t('dayClose.slipCount')}><Input ref={countInput} size="large" data-testid="dayclose-slip-count" value={form.count} onChange={(e) => setForm({ ...form, count: e.target.value })} style={{ width: 90 }} /></Field>
            <Field label={t('dayClose.slipTotal')}><Input size="large" data-testid="dayclose-slip-total" value={form.total} onChange={(e) => setForm({ ...form, total: e.target.value })} onPressEnter={() => void submit()} style={{ width: 140 }} /></Field>
            <Button type="primary" size="large" data-testid="dayclose-save" loading={busy} onClick={() => void submit()}>{t('dayClose.save')}</Button>
            <Button size="large" onClick={() => setForm(null)}>{t('dayClose.cancel')}</Button>
          </div>
        )}

        {form?.kind === 'count' && (
          <div data-testid="dayclose-form" data-kind="count">
            <strong style={{ fontSize: 20 }}>{t('dayClose.countTitle')}</strong>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8, marginTop: 8 }}>
              {DENOMINATIONS.map((fen, i) => (
                <Field key={fen} label={yuan(fen)}>
                  <Input
                    ref={i === 0 ? firstInput : undefined}
                    size="large"
                    inputMode="numeric"
                    data-testid={`dayclose-qty-${fen}`}
                    value={form.qty[i]}
                    onChange={(e) => setForm({ ...form, qty: form.qty.map((q, j) => (j === i ? e.target.value : q)) })}
                    onPressEnter={(e) => {
                      // Enter moves to the next denomination; on the last one it submits the count.
                      const inputs = (e.currentTarget.closest('[data-kind="count"]')?.querySelectorAll('input') ?? []) as NodeListOf<HTMLInputElement>;
                      if (i < DENOMINATIONS.length - 1) inputs[i + 1]?.focus();
                      else void submit();
                    }}
                    style={{ fontSize: 22 }}
                  />
                </Field>
              ))}
            </div>
            <div style={{ display: 'flex', gap: 16, alignItems: 'center', marginTop: 8 }}>
              <Big testId="dayclose-count-total" label={t('dayClose.countTotal')} value={yuan(countTotal(counts(form.qty) ?? []))} tone="ok" />
              <Button type="primary" size="large" data-testid="dayclose-submit-count" loading={busy} onClick={() => void submit()}>{t('dayClose.submitCount')}</Button>
              <Button size="large" onClick={() => setForm(null)}>{t('dayClose.cancel')}</Button>
            </div>
          </div>
        )}

        {visible && s.count && (
          <div data-testid="dayclose-figures" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <table style={{ fontSize: 17, borderCollapse: 'collapse' }}>
              <tbody>
                {([['float', s.float], ['cashTaken', s.cashTaken], ['paidIn', s.paidIn], ['paidOut', -s.paidOut], ['refunds', -s.refunds]] as const).map(([k, v]) => (
                  <tr key={k}><td style={{ padding: '2px 12px 2px 0' }}>{t(`dayClose.${k}`)}</td><td data-testid={`dayclose-fig-${k}`} style={{ textAlign: 'right' }}>{yuan(v)}</td></tr>
                ))}
              </tbody>
            </table>
            <div style={{ display: 'flex', gap: 32 }}>
              <Big testId="dayclose-expected" label={t('dayClose.expected')} value={yuan(s.count.expected)} tone="ok" />
              <Big testId="dayclose-counted" label={t('dayClose.counted')} value={yuan(s.count.counted)} tone="ok" />
              <Big testId="dayclose-variance" label={t('dayClose.variance')} value={yuan(s.count.variance)} tone={beyondTolerance(s.count.variance, tolerance) ? 'bad' : s.count.variance === 0 ? 'ok' : 'warn'} />
            </div>
          </div>
        )}

        {s.state === 'counted' && s.count && !form && (
          <div data-testid="dayclose-closing" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {beyondTolerance(s.count.variance, tolerance) && (
              <>
                <div style={{ fontSize: 17, color: '#a8071a', fontWeight: 700 }}>{t('dayClose.beyond')}</div>
                <Field label={t('dayClose.closeReason')} wide>
                  <Input ref={reasonInput} size="large" data-testid="dayclose-close-reason" data-scan-passthrough="true" value={closeReason} onChange={(e) => setCloseReason(e.target.value)} onPressEnter={() => void closeDay()} />
                </Field>
              </>
            )}
            <div style={{ display: 'flex', gap: 12, alignItems: 'center' }}>
              <Button type="primary" size="large" data-testid="dayclose-close" loading={busy} onClick={() => void closeDay()} style={{ fontSize: 22, height: 56, minWidth: 240 }}>{t('dayClose.close')}</Button>
              <span style={{ fontSize: 16, color: '#595959' }}>{t('dayClose.keysCounted')}</span>
            </div>
          </div>
        )}

        {s.state === 'closed' && close && !form && (
          <div data-testid="dayclose-closed" style={{ fontSize: 17, display: 'flex', flexDirection: 'column', gap: 4 }}>
            <span data-testid="dayclose-closed-by">{t('dayClose.closedBy', { who: nameOf(close.closedBy), at: new Date(close.at).toLocaleTimeString('zh-CN', { timeZone, hour12: false }) })}</span>
            {close.reason && <span data-testid="dayclose-approved-by">{t('dayClose.approvedBy', { who: `${nameOf(close.approvedBy ?? close.closedBy)} (${close.approvedBy ?? close.closedBy})`, reason: close.reason })}</span>}
            <span style={{ color: '#595959' }}>{t('dayClose.keysClosed')}</span>
            <div style={{ display: 'flex', gap: 12 }}>
              <Button type="primary" size="large" data-testid="dayclose-print" loading={busy} onClick={() => void printZ()}>{t('dayClose.print')}</Button>
              {isManager && <Button size="large" data-testid="dayclose-reopen" onClick={() => start('reopen')}>{t('dayClose.reopen')}</Button>}
            </div>
          </div>
        )}

        {form?.kind === 'reopen' && (
          <div data-testid="dayclose-form" data-kind="reopen" style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
            <Field label={t('dayClose.reopenReason')} wide><Input ref={firstInput} size="large" data-testid="dayclose-reopen-reason" data-scan-passthrough="true" value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} onPressEnter={() => void submit()} /></Field>
            <Button type="primary" size="large" data-testid="dayclose-save" loading={busy} onClick={() => void submit()}>{t('dayClose.reopen')}</Button>
            <Button size="large" onClick={() => setForm(null)}>{t('dayClose.cancel')}</Button>
          </div>
        )}

        <div data-testid="dayclose-cards" style={{ marginTop: 'auto' }}>
          <h3 style={{ margin: '4px 0', fontSize: 18 }}>{t('dayClose.cardTitle')}</h3>
          {batches.length === 0 && <div style={{ color: '#595959' }}>{t('dayClose.noCards')}</div>}
          {batches.map((b) => (
            <div key={b.batch} data-testid="dayclose-card-batch" data-batch={b.batch} data-agrees={String(batchAgrees(b))} style={{ fontSize: 16, display: 'flex', gap: 12 }}>
              <code>{b.batch}</code>
              <span>{t('dayClose.cardSlip', { count: b.slipCount, total: yuan(b.slipTotal) })}</span>
              <span>{t('dayClose.cardRecorded', { count: b.recordedCount, total: yuan(b.recordedTotal) })}</span>
              <strong style={{ color: batchAgrees(b) ? '#135200' : '#a8071a' }}>{t(batchAgrees(b) ? 'dayClose.cardAgrees' : 'dayClose.cardDiffers')}</strong>
            </div>
          ))}
        </div>
      </section>
      <DayListsPanel lists={lists} />
      {dialog}
    </div>
  );
}

function DayListsPanel(props: { lists: DayLists | null }) {
  const { t } = useTranslation();
  const l = props.lists;
  const section = (testId: string, title: string, rows: { key: string; left: string; right: string }[]) => (
    <div data-testid={testId} data-count={rows.length}>
      <h4 style={{ margin: '6px 0 2px', fontSize: 16 }}>{title}</h4>
      {rows.length === 0 ? <div style={{ color: '#8c8c8c' }}>{t('dayClose.none')}</div> : rows.map((r) => (
        <div key={r.key} style={{ display: 'flex', justifyContent: 'space-between', fontSize: 15 }}><code>{r.left}</code><span>{r.right}</span></div>
      ))}
    </div>
  );
  return (
    <section data-testid="dayclose-lists" style={{ ...panel, overflowY: 'auto', minHeight: 0 }}>
      <h3 style={{ margin: 0, fontSize: 18 }}>{t('dayClose.listsTitle')}</h3>
      {l && (
        <>
          {section('dayclose-prepaid', t('dayClose.prepaid', { count: l.prepaidHandedOver.length }), l.prepaidHandedOver.map((o) => ({ key: o.orderId, left: o.orderId, right: yuan(o.amount) })))}
          {section('dayclose-lockers', t('dayClose.lockers', { count: l.lockerPickups.length }), l.lockerPickups.map((o) => ({ key: o.orderId, left: o.orderId, right: '' })))}
          {section('dayclose-couriers', t('dayClose.couriers', { count: l.outWithCouriers.length }), l.outWithCouriers.map((o) => ({ key: o.orderId, left: o.orderId, right: o.courierId ?? '' })))}
          {section('dayclose-refunds', t('dayClose.refundsOwed', { count: l.refundsOwed.length }), l.refundsOwed.map((o) => ({ key: o.orderId, left: o.orderId, right: `${t(`dayClose.${o.why}`)} ${yuan(o.amount)}` })))}
        </>
      )}
    </section>
  );
}
