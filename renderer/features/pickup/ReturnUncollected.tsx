import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createEventId } from '../../../sync/client/index.js';
import { compartmentOf, DEFAULT_STORE_SETTINGS, type Compartment } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { useObservable } from '../../ui/use-observable.js';
import { toCodedError } from '../../ui/errors.js';
import { formatStoreTime } from '../../ui/format.js';
import { isTypingTarget } from '../../ui/keys.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { queueRows$ } from '../orders/live.js';
import { waitDoorClosed } from './door.js';
import { packagesOf } from './load-locker.js';
import { packedUnits } from '../../../sync/model/index.js';
import { expiredForCode, expiredPickups, recordUncollectedReturn, type ExpiredPickup } from './return-uncollected.js';

/** Staff have this long to take the bag out and close the door. */
const RETURN_DOOR_TIMEOUT_MS = 300_000;
/** The list follows the clock: an order joins it when its hold ends. */
const TICK_MS = 30_000;

type Step =
  | { k: 'list' }
  | { k: 'chosen' | 'shelf' | 'recording'; orderId: string }
  | { k: 'opening' | 'open'; orderId: string; compartment: Compartment }
  | { k: 'returned'; orderId: string; units: number }
  | { k: 'failed'; code: string; message: string };

const BUSY: ReadonlySet<Step['k']> = new Set(['opening', 'open', 'recording']);

/**
 * Expired pickup orders back to stock (Lockers screen, F9): the orders whose hold is over, still in a compartment or
 * on the counter shelf. ↑/↓ or a scanned label chooses one; Enter opens its compartment (reason "return"), and when
 * the door closes again the order is recorded `returned_to_stock` (uncollected) with `unpick` moves for its items.
 * From the counter shelf, Enter confirms the bag was taken. Keys are taken in the capture phase only while an order
 * is chosen, so the loading panel's Enter and Esc work as before otherwise.
 */
export function ReturnUncollected(props: { onHighlight: (compartment: Compartment | null) => void }) {
  const { db, platform } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const rows = useObservable(() => queueRows$(db), [db]);
  const store = useObservable(() => db.stores.findOne(actor.storeId).$, [db, actor.storeId]);
  const passes = useObservable(() => db.pickup_passes.find().$, [db]);
  const [now, setNow] = useState(() => Date.now());
  const [step, setStep] = useState<Step>({ k: 'list' });
  const abort = useRef<AbortController | null>(null);
  const allowed = gateOf(actor.roles, 'order.restock') === 'allowed';
  const { onHighlight } = props;
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => (clearInterval(timer), abort.current?.abort());
  }, []);

  const storeDoc = store.status === 'ready' ? store.value?.toJSON() : undefined;
  const timeZone = storeDoc?.timezone;
  const list = useMemo(() => {
    if (rows.status !== 'ready' || store.status !== 'ready' || passes.status !== 'ready') return [];
    const byOrder = new Map(passes.value.map((p) => [p.orderId, p.toJSON()]));
    const s = storeDoc ?? { settings: DEFAULT_STORE_SETTINGS, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone };
    return expiredPickups(rows.value, s, byOrder, now);
  }, [rows, store, passes, now, storeDoc]);
  const current = 'orderId' in step ? list.find((e) => e.row.order.id === step.orderId) : undefined;
  const busy = BUSY.has(step.k);

  useEffect(() => {
    onHighlight(current && step.k !== 'returned' ? compartmentOf(current.clock) : null);
  }, [current, step.k, onHighlight]);

  const record = async (e: ExpiredPickup) => {
    setStep({ k: 'recording', orderId: e.row.order.id });
    try {
      const result = await recordUncollectedReturn(db, e.row, actor, createEventId);
      if (!result.ok) return setStep({ k: 'failed', code: result.code, message: result.message });
      setStep({ k: 'returned', orderId: e.row.order.id, units: result.moves.reduce((n, m) => n + m.qty, 0) });
    } catch (err) {
      const coded = toCodedError(err, 'INTERNAL');
      setStep({ k: 'failed', code: coded.code, message: coded.message });
    }
  };

  const takeBack = async (e: ExpiredPickup) => {
    const orderId = e.row.order.id;
    const compartment = compartmentOf(e.clock);
    if (!compartment) return setStep({ k: 'shelf', orderId });
    try {
      setStep({ k: 'opening', orderId, compartment });
      await platform.openCompartment({ bankId: compartment.bankId, number: compartment.number, operatorId: actor.operatorId, reason: `return ${orderId}` });
      setStep({ k: 'open', orderId, compartment });
      abort.current = new AbortController();
      const closed = await waitDoorClosed(platform, compartment, RETURN_DOOR_TIMEOUT_MS, abort.current.signal);
      if (closed === 'aborted') return;
    } catch (err) {
      const coded = toCodedError(err, 'INTERNAL');
      return setStep({ k: 'failed', code: coded.code, message: coded.message });
    }
    // Recorded even when the wait timed out: the door was opened for this order, and staff took the bag.
    await record(e);
  };
  useScanHandler((code) => {
    if (!allowed || busy) return false;
    const found = expiredForCode(list, code);
    if (!found) return false; // not ours: the loading panel reads it
    void takeBack(found);
    return true;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || !allowed || busy || list.length === 0) return;
      const index = current ? list.indexOf(current) : -1;
      const chosen = step.k === 'chosen' || step.k === 'shelf';
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        const next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + (e.key === 'ArrowDown' ? 1 : -1)));
        setStep({ k: 'chosen', orderId: list[next]!.row.order.id });
      } else if (e.key === 'Enter' && chosen && current) {
        void (step.k === 'shelf' ? record(current) : takeBack(current));
      } else if (e.key === 'Escape' && step.k !== 'list') {
        setStep({ k: 'list' });
      } else return;
      // Ours: the loading panel does not see it.
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const where = (e: ExpiredPickup) => {
    const c = compartmentOf(e.clock);
    return c ? t('pickup.returns.where.locker', { number: c.number }) : t('pickup.returns.where.counter');
  };
  const line = (() => {
    if (!allowed) return { text: t('pickup.returns.forbidden'), tone: '#c4161c' };
    switch (step.k) {
      case 'list': return { text: list.length === 0 ? t('pickup.returns.none') : t('pickup.returns.keys'), tone: '#434343' };
      case 'chosen': return { text: current ? t('pickup.returns.chosen', { orderId: step.orderId, where: where(current) }) : t('pickup.returns.keys'), tone: '#0b5cad' };
      case 'shelf': return { text: t('pickup.returns.fromShelf', { orderId: step.orderId }), tone: '#0b5cad' };
      case 'opening': return { text: t('pickup.returns.opening', { number: step.compartment.number }), tone: '#0b5cad' };
      case 'open': return { text: t('pickup.returns.takeOut', { number: step.compartment.number }), tone: '#237804' };
      case 'recording': return { text: t('pickup.returns.recording'), tone: '#0b5cad' };
      case 'returned': return { text: t('pickup.returns.returned', { orderId: step.orderId, count: step.units }), tone: '#237804' };
      case 'failed': return { text: t('pickup.returns.failed', { code: step.code, message: step.message }), tone: '#c4161c' };
    }
  })();
  if (list.length === 0 && step.k === 'list') return null;

  return (
    <section data-testid="return-uncollected" data-step={step.k} style={{ padding: '12px 16px', background: '#fff', borderLeft: `8px solid ${line.tone}`, borderRadius: 6 }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 16 }}>
        <h2 style={{ margin: 0, fontSize: 22 }}>{t('pickup.returns.title')}</h2>
        {list.length > 0 && <span style={{ fontSize: 17, color: '#d46b08', fontWeight: 600 }}>{t('pickup.returns.count', { count: list.length })}</span>}
      </div>
      <div data-testid="return-line" style={{ fontSize: 20, fontWeight: 600, color: line.tone, marginTop: 6 }}>{line.text}</div>
      <ol style={{ listStyle: 'none', margin: '8px 0 0', padding: 0, maxHeight: 200, overflow: 'auto' }}>
        {list.map((e) => {
          const selected = e === current;
          const units = packedUnits(packagesOf(e.row) ?? []);
          return (
            <li
              key={e.row.order.id}
              data-testid="return-row"
              data-order={e.row.order.id}
              aria-selected={selected}
              style={{ display: 'grid', gridTemplateColumns: '210px 1fr 170px 320px 90px', gap: 12, fontSize: 18, padding: '6px 10px', borderRadius: 4, background: selected ? '#e6f4ff' : undefined, outline: selected ? '2px solid #0b5cad' : undefined }}
            >
              <strong>{e.row.order.id}</strong>
              <span>{e.row.order.customer.name}</span>
              <span>{where(e)}</span>
              <span style={{ color: '#c4161c' }}>{t('pickup.returns.expired', { time: formatStoreTime(e.clock.expiresAt, timeZone) })}</span>
              <span>{t('pickup.returns.items', { count: units })}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
