import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { nextEventTypes, offeredAsQuickAction, type OrderEventType } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf, type Gate } from '../approval/authorize.js';
import { EVENT_ACTION, PERMISSIONS } from '../../../sync/model/index.js';
import { isTypingTarget } from '../../ui/keys.js';
import { toCodedError } from '../../ui/errors.js';
import { useStockGuard } from '../stock-guard/use-stock-guard.js';
import { recordOrderEvent } from './record-event.js';
import { ACTION_KEYS, actionForKey } from './shortcuts.js';
import type { QueueRow } from './queue.js';

/** Actions that end the order for good ask once more; everything else is one key press. */
const CONFIRM: ReadonlySet<OrderEventType> = new Set(['rejected']);

/**
 * The status actions that are legal now, as big buttons with their shortcut letter. Those the signed-in
 * operator's roles do not allow stay visible but disabled, so they can see a manager is needed.
 */
export function OrderActions(props: { row: QueueRow }) {
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const confirming = useRef(false);
  const { confirmStock, dialog: stockDialog } = useStockGuard();
  const { row } = props;
  // Lifecycle order, with the actions that need a confirmation (reject) last, away from the usual next step.
  // Handovers that take money or need detail go through their own screens (counter, dispatch, courier return).
  const legal = nextEventTypes(row.derived.status, row.order.fulfilment.type).filter((type) => offeredAsQuickAction(type, row.order)).sort(
    (a, b) => Number(CONFIRM.has(a)) - Number(CONFIRM.has(b)),
  );
  const gates = new Map<OrderEventType, Gate>(legal.map((type) => [type, gateOf(actor.roles, EVENT_ACTION[type])]));
  // Only what this operator may do on their own reacts to its shortcut key.
  const allowed = legal.filter((type) => gates.get(type) === 'allowed');

  const record = async (type: OrderEventType) => {
    setBusy(true);
    try {
      // Accepting promises the order's goods: short of stock, the operator is warned first (and a manager decides).
      const stock = type === 'accepted' ? await confirmStock([row.order], 'accept') : { go: true as const, notes: {} };
      if (!stock.go) return;
      const note = stock.notes[row.order.id];
      const result = await recordOrderEvent(db, row, type, actor, createEventId, undefined, note ? { note } : {});
      if (result.ok) void message.success(t('detail.recorded', { action: t(`event.${type}`) }));
      else void message.error(t('detail.refused', { message: `${result.code}: ${result.message}` }));
    } catch (err) {
      const coded = toCodedError(err, 'INTERNAL');
      console.error('recording an order event failed', err);
      void message.error(t('detail.writeFailed', { message: `${coded.code}: ${coded.message}` }));
    } finally {
      setBusy(false);
    }
  };

  const trigger = (type: OrderEventType) => {
    if (busy || confirming.current) return;
    if (!CONFIRM.has(type)) return void record(type);
    confirming.current = true;
    modal.confirm({
      title: t('detail.confirmReject', { id: row.order.id }),
      okText: t(`event.${type}`),
      okButtonProps: { danger: true, size: 'large' },
      cancelButtonProps: { size: 'large' },
      autoFocusButton: 'ok',
      onOk: () => record(type),
      afterClose: () => {
        confirming.current = false;
      },
    });
  };

  // The listener is registered once; it reads the latest legal actions and handler from here.
  const latest = useRef({ trigger, legal: allowed });
  useEffect(() => {
    latest.current = { trigger, legal: allowed };
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      const type = actionForKey(e.key, latest.current.legal);
      if (!type) return;
      e.preventDefault();
      latest.current.trigger(type);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  if (legal.length === 0) return <div style={{ fontSize: 18, color: '#434343' }}>{t('detail.noActions')}</div>;
  return (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }} aria-label={t('detail.actions')}>
      {stockDialog}
      {legal.map((type, i) => (
        <Button
          key={type}
          data-testid={`action-${type}`}
          data-gate={gates.get(type)}
          title={gates.get(type) === 'allowed' ? undefined : t('detail.notAllowed', { roles: PERMISSIONS[EVENT_ACTION[type]].roles.map((r) => t(`role.${r}`)).join(', ') })}
          size="large"
          type={i === 0 && !CONFIRM.has(type) ? 'primary' : 'default'}
          danger={CONFIRM.has(type)}
          disabled={busy || gates.get(type) !== 'allowed'}
          onClick={() => trigger(type)}
          style={{ height: 56, fontSize: 20, fontWeight: 700, paddingInline: 20 }}
        >
          {t(`event.${type}`)}
          <kbd style={{ marginLeft: 10, padding: '0 8px', border: '2px solid currentColor', borderRadius: 4, fontSize: 16 }}>
            {ACTION_KEYS[type].toUpperCase()}
          </kbd>
        </Button>
      ))}
    </div>
  );
}
