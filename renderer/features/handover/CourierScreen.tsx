import { useMemo, useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Operator, type OrderStatus } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { refusalBeep } from '../../ui/beep.js';
import { queueRows$ } from '../orders/live.js';
import { findByBadge, operators$ } from '../signin/operators.js';
import { DispatchPanel } from './DispatchPanel.js';
import { ReturnPanel } from './ReturnPanel.js';
import { panel, useHandoverKeys } from './parts.js';

export type CourierMode = 'dispatch' | 'return';

/**
 * Couriers (F8): D dispatch — scan the courier's badge, then the packages of the packed delivery orders they take,
 * and P records `dispatched` (with the courier) and prints the run sheet; R courier return — scan the badge, and
 * mark each order the courier had out delivered (with the money collected) or failed (with a reason).
 */
export function CourierScreen() {
  const { db } = useSession();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [mode, setMode] = useState<CourierMode>('dispatch');
  const [courierId, setCourierId] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const opsLive = useObservable(() => operators$(db), [db]);
  const couriers = useMemo(() => (opsLive.status === 'ready' ? opsLive.value.filter((o) => o.active && o.roles.includes('courier')) : []), [opsLive]);
  const rowsLive = useObservable(() => queueRows$(db), [db]);
  const rows = useMemo(() => (rowsLive.status === 'ready' ? rowsLive.value : []), [rowsLive]);
  const courier: Operator | null = couriers.find((c) => c.id === courierId) ?? null;

  const refuse = (text: string) => {
    refusalBeep();
    void message.error({ content: <span data-testid="courier-refusal">{text}</span>, key: 'courier' });
  };
  const statusText = (s: string) => t(`status.${s as OrderStatus}`);

  // Until a courier is chosen, a scan is their badge.
  useScanHandler((code) => {
    const found = findByBadge(couriers, code);
    if (found) setCourierId(found.id);
    else refuse(t('handover.notFound', { code }));
    return true;
  }, courier === null);

  // Until a courier is chosen: D and R switch the mode, the arrows and Enter choose from the list.
  useHandoverKeys(
    (key) => {
      if (courier) return;
      if (key === 'd') setMode('dispatch');
      else if (key === 'r') setMode('return');
    },
    (e) => {
      if (courier) return false;
      if (e.key === 'ArrowDown') setCursor(Math.min(cursor + 1, couriers.length - 1));
      else if (e.key === 'ArrowUp') setCursor(Math.max(cursor - 1, 0));
      else if (e.key === 'Enter' && couriers[cursor]) setCourierId(couriers[cursor].id);
      else return false;
      return true;
    },
  );

  return (
    <div data-testid="courier-screen" data-mode={mode} data-courier={courier?.id ?? ''} style={{ display: 'flex', flexDirection: 'column', gap: 12, padding: 16, height: '100%', minHeight: 0 }}>
      <div role="tablist" style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        {(['dispatch', 'return'] as const).map((m) => (
          <Button key={m} size="large" role="tab" aria-selected={mode === m} data-testid={`courier-mode-${m}`} type={mode === m ? 'primary' : 'default'} onClick={() => setMode(m)} disabled={courier !== null && mode !== m}>
            {t(m === 'dispatch' ? 'handover.modeDispatch' : 'handover.modeReturn')}
          </Button>
        ))}
        {courier && (
          <>
            <strong data-testid="courier-name" style={{ fontSize: 22, marginLeft: 16 }}>{t('handover.courier', { name: courier.name })}</strong>
            <Button size="large" data-testid="courier-change" onClick={() => setCourierId(null)}>{t('handover.changeCourier')}</Button>
          </>
        )}
      </div>
      {!courier ? (
        <section style={{ ...panel, flex: 1, minHeight: 0 }}>
          <h2 style={{ marginTop: 0, fontSize: 22 }}>{t('handover.courierPrompt')}</h2>
          {couriers.length === 0 && <p style={{ fontSize: 18 }}>{t('handover.noCouriers')}</p>}
          <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="courier-list">
            {couriers.map((c, i) => (
              <li key={c.id} data-testid="courier-row" data-courier-id={c.id} onClick={() => setCourierId(c.id)}
                style={{ padding: '8px 12px', fontSize: 20, borderRadius: 6, cursor: 'pointer', background: i === cursor ? '#e6f4ff' : undefined }}>
                {c.name} <span style={{ color: '#595959', fontSize: 15 }}>{c.id}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : mode === 'dispatch' ? (
        <DispatchPanel courier={courier} rows={rows} refuse={refuse} statusText={statusText} onLeave={() => setCourierId(null)} />
      ) : (
        <ReturnPanel courier={courier} rows={rows} refuse={refuse} onLeave={() => setCourierId(null)} />
      )}
    </div>
  );
}
