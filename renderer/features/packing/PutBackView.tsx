import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from 'antd';
import { map } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS, STOCK_MOVE_ACTION, type StockMove } from '../../../sync/model/index.js';
import { createEventId } from '../../../sync/client/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { isTypingTarget } from '../../ui/keys.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import type { QueueRow } from '../orders/queue.js';
import { netPickedBySku, units } from './pack-order.js';
import { recordPutBack } from './pack-store.js';
import { OrderHeader, panel, type ShowFeedback } from './parts.js';

/**
 * An order the platform cancelled after it was picked: its goods are off the shelf. The packer puts them back and
 * confirms; the ledger then gets `unpick` moves for what the order's moves still hold out — nothing, the second time.
 */
export function PutBackView(props: { row: QueueRow; names: ReadonlyMap<string, string>; show: ShowFeedback; onLeave: () => void; kind: 'unpick' | 'return' }) {
  const { row, names, show, onLeave, kind } = props;
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const orderId = row.order.id;
  const [busy, setBusy] = useState(false);
  const live = useObservable(
    () => db.stock_moves.find({ selector: { orderId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as StockMove))),
    [db, orderId],
  );
  const net = live.status === 'ready' ? netPickedBySku(live.value, orderId) : [];
  const total = units(net);
  const action = STOCK_MOVE_ACTION[kind];
  const allowed = gateOf(actor.roles, action) === 'allowed';

  const confirm = async () => {
    if (busy || live.status !== 'ready') return;
    if (total === 0) return onLeave();
    setBusy(true);
    try {
      const result = await recordPutBack(db, orderId, actor, createEventId, undefined, kind);
      if (!result.ok) show({ ok: false, code: result.code, params: { message: result.message } });
      else if (result.moves.length === 0) show({ ok: true, code: 'NOTHING_TO_PUT_BACK' });
      else show({ ok: true, code: 'PUT_BACK_DONE', params: { units: units(result.moves) } });
    } catch (err) {
      console.error('recording the put-back failed', err);
      show({ ok: false, code: 'INTERNAL', params: { message: toCodedError(err, 'INTERNAL').message } });
    } finally {
      setBusy(false);
    }
  };

  const latest = useRef({ confirm, onLeave });
  useLayoutEffect(() => {
    latest.current = { confirm, onLeave };
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return;
      if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        void latest.current.confirm();
      } else if (e.key === 'Escape') {
        latest.current.onLeave();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <OrderHeader row={row} />
      <section
        data-testid="pack-putback"
        data-order-id={orderId}
        data-units={live.status === 'ready' ? total : ''}
        data-kind={kind}
        style={{ ...panel, borderColor: total > 0 ? '#d46b08' : '#d9d9d9', background: total > 0 ? '#fff7e6' : '#fff' }}
      >
        <h2 style={{ margin: '0 0 12px', fontSize: 28, color: total > 0 ? '#ad4e00' : '#262626' }}>
          {total > 0 ? t(kind === 'unpick' ? 'packing.putbackTitle' : 'packing.returnTitle', { orderId }) : t('packing.putbackNone', { orderId })}
        </h2>
        {net.map((item) => (
          <div
            key={item.sku}
            data-testid={`pack-putback-${item.sku}`}
            data-qty={item.qty}
            style={{ display: 'grid', gridTemplateColumns: '1fr auto', fontSize: 24, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}
          >
            <span>
              {names.get(item.sku) ?? item.sku} <code style={{ fontSize: 16 }}>{item.sku}</code>
            </span>
            <strong style={{ fontSize: 30 }}>{item.qty}</strong>
          </div>
        ))}
        {!allowed && total > 0 && (
          <div data-testid="pack-putback-forbidden" style={{ fontSize: 18, color: '#c4161c', marginTop: 8 }}>
            {t('packing.putbackForbidden', { roles: PERMISSIONS[action].roles.map((r) => t(`role.${r}`)).join(', ') })}
          </div>
        )}
        <div style={{ display: 'flex', gap: 12, marginTop: 16 }}>
          {total > 0 && (
            <Button
              data-testid="pack-putback-confirm"
              type="primary"
              size="large"
              loading={busy}
              disabled={!allowed}
              onClick={(e) => {
                e.currentTarget.blur();
                void confirm();
              }}
              style={{ height: 56, fontSize: 22, fontWeight: 700 }}
            >
              {t('packing.putbackConfirm')}
            </Button>
          )}
          <Button data-testid="pack-leave" size="large" onClick={onLeave} style={{ height: 56, fontSize: 20 }}>
            {t('packing.leave')}
          </Button>
        </div>
      </section>
      <div style={{ fontSize: 17, color: '#434343' }}>{t('packing.putbackKeys')}</div>
    </div>
  );
}
