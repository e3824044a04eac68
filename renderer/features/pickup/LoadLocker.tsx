import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LockerBankConfig } from '../../../main/contract.js';
import { createEventId } from '../../../sync/client/index.js';
import type { Compartment } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { useObservable } from '../../ui/use-observable.js';
import { toCodedError } from '../../ui/errors.js';
import { isTypingTarget } from '../../ui/keys.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { queueRows$ } from '../orders/live.js';
import { recordOrderEvent } from '../orders/record-event.js';
import { waitDoorClosed } from './door.js';
import { planLoad, type LoadPlan } from './load-locker.js';

/** Staff have this long to put the bag in and close the door before the screen gives up waiting. */
const LOAD_DOOR_TIMEOUT_MS = 300_000;

type Step =
  | { k: 'scan' }
  | { k: 'plan'; plan: LoadPlan; code: string }
  | { k: 'opening' | 'open'; plan: Extract<LoadPlan, { ok: true }> }
  | { k: 'loaded'; orderId: string; number: number }
  | { k: 'failed'; code: string; message: string };

/**
 * Loading a locker: scan the package label, see the compartment the app chose, Enter opens it; closing the door
 * records the order `ready` in that compartment, which makes the centre issue its pickup pass. For counter staff
 * and managers (order.ready), at the locker bank, with a scanner and no mouse.
 */
export function LoadLocker(props: { banks: readonly LockerBankConfig[]; onHighlight: (compartment: Compartment | null) => void }) {
  const { db, platform } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const rows = useObservable(() => queueRows$(db), [db]);
  const [step, setStep] = useState<Step>({ k: 'scan' });
  const abort = useRef<AbortController | null>(null);
  const allowed = gateOf(actor.roles, 'order.ready') === 'allowed';
  const { onHighlight, banks } = props;
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    onHighlight(step.k === 'plan' && step.plan.ok ? step.plan.choice.compartment : step.k === 'opening' || step.k === 'open' ? step.plan.choice.compartment : null);
  }, [step, onHighlight]);

  useScanHandler((code) => {
    if (!allowed || rows.status !== 'ready' || step.k === 'opening' || step.k === 'open') return false;
    setStep({ k: 'plan', plan: planLoad(rows.value, banks, code), code });
    return true;
  });

  const load = async (plan: Extract<LoadPlan, { ok: true }>) => {
    const { compartment } = plan.choice;
    setStep({ k: 'opening', plan });
    try {
      await platform.openCompartment({ bankId: compartment.bankId, number: compartment.number, operatorId: actor.operatorId, reason: `load ${plan.row.order.id}` });
      setStep({ k: 'open', plan });
      abort.current = new AbortController();
      const closed = await waitDoorClosed(platform, compartment, LOAD_DOOR_TIMEOUT_MS, abort.current.signal);
      if (closed === 'aborted') return;
      // Recorded even when the wait timed out: the bag is in that compartment, and its door shows open on the Lockers screen.
      const result = await recordOrderEvent(db, plan.row, 'ready', actor, createEventId, undefined, { compartment });
      if (!result.ok) return setStep({ k: 'failed', code: result.code, message: result.message });
      setStep({ k: 'loaded', orderId: plan.row.order.id, number: compartment.number });
    } catch (err) {
      const coded = toCodedError(err, 'INTERNAL');
      setStep({ k: 'failed', code: coded.code, message: coded.message });
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      if (e.key === 'Enter' && step.k === 'plan' && step.plan.ok) void load(step.plan);
      else if (e.key === 'Escape' && step.k !== 'opening' && step.k !== 'open') setStep({ k: 'scan' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const line = (() => {
    if (!allowed) return { text: t('pickup.load.forbidden'), tone: '#c4161c' };
    if (banks.length === 0) return { text: t('pickup.load.noBank'), tone: '#d46b08' };
    switch (step.k) {
      case 'scan': return { text: t('pickup.load.prompt'), tone: '#434343' };
      case 'opening': return { text: t('pickup.load.opening', { number: step.plan.choice.compartment.number }), tone: '#0b5cad' };
      case 'open': return { text: t('pickup.load.loadNow', { number: step.plan.choice.compartment.number }), tone: '#237804' };
      case 'loaded': return { text: t('pickup.load.loaded', { orderId: step.orderId, number: step.number }), tone: '#237804' };
      case 'failed': return { text: t('pickup.load.failed', { code: step.code, message: step.message }), tone: '#c4161c' };
      case 'plan': {
        const { plan } = step;
        if (plan.ok) {
          const { number } = plan.choice.compartment;
          return { text: `${t('pickup.load.chosen', { orderId: plan.row.order.id, items: plan.items, number, size: plan.choice.size })} · ${t('pickup.load.openNow', { number })}`, tone: '#0b5cad' };
        }
        const status = plan.code === 'notPacked' ? t(`status.${plan.status as 'new'}`) : '';
        return { text: t(`pickup.load.${plan.code}`, { code: step.code, orderId: plan.orderId ?? '', status }), tone: '#c4161c' };
      }
    }
  })();
  return (
    <section data-testid="load-locker" data-step={step.k} style={{ padding: '12px 16px', background: '#fff', borderLeft: `8px solid ${line.tone}`, borderRadius: 6 }}>
      <h2 style={{ margin: 0, fontSize: 22 }}>{t('pickup.load.title')}</h2>
      <div data-testid="load-locker-line" style={{ fontSize: 20, fontWeight: 600, color: line.tone, marginTop: 6 }}>{line.text}</div>
      <div style={{ fontSize: 15, color: '#434343', marginTop: 6 }}>{t('pickup.load.keys')}</div>
    </section>
  );
}
