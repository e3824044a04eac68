import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { App as AntApp, Spin } from 'antd';
import { map, of } from 'rxjs';
import { useTranslation } from 'react-i18next';
import { DEFAULT_STORE_SETTINGS } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { useNav } from '../../ui/nav-state.js';
import { useQueueUi } from '../orders/ui-state.js';
import { useInventoryUi } from '../inventory/ui-state.js';
import { CurrentOperatorProvider, useOperator } from './current-operator.js';
import { findByBadge, operator$, operators$ } from './operators.js';
import { useOperatorSession } from './operator-session.js';
import { storeSettings$ } from './store-settings.js';
import { useIdleLock } from './idle.js';
import { SignInScreen } from './SignInScreen.js';

/**
 * Work screens only for a signed-in, active operator. The operator's document is read live, so a deactivation
 * that syncs in ends the session on the spot.
 */
export function OperatorGate(props: { children: ReactNode }) {
  const { db } = useSession();
  const operatorId = useOperatorSession((s) => s.operatorId);
  const signOut = useOperatorSession((s) => s.signOut);
  // Tagged with the id it was read for: right after sign-in, the previous result is still on screen for a render.
  const live = useObservable(
    () => (operatorId ? operator$(db, operatorId).pipe(map((op) => ({ id: operatorId, op }))) : of(null)),
    [db, operatorId],
  );
  const current = live.status === 'ready' && live.value && live.value.id === operatorId ? live.value : null;
  const operator = current?.op ?? null;
  const gone = current !== null && (!operator || !operator.active);

  useEffect(() => {
    if (gone) signOut();
  }, [gone, signOut]);

  // Someone else taking over starts on the order queue with nothing of the previous person's open; the same
  // person coming back from a lock finds their screen as they left it.
  const lastSignedIn = useRef<string | null>(null);
  useEffect(() => {
    if (!operator || lastSignedIn.current === operator.id) return;
    if (lastSignedIn.current !== null) {
      useNav.getState().go('orders');
      useQueueUi.getState().close();
      useInventoryUi.getState().closeAdjust();
    }
    lastSignedIn.current = operator.id;
  }, [operator]);

  if (!operatorId || gone || live.status === 'error') return <SignInScreen />;
  if (!operator) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  return (
    <CurrentOperatorProvider operator={operator}>
      <SessionGuards />
      {props.children}
    </CurrentOperatorProvider>
  );
}

const isLockKey = (e: KeyboardEvent) => e.key === 'F12' || ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'l');

/** While someone is signed in: lock on idle and on F12 / Ctrl+L, and switch operators on a badge scan. */
function SessionGuards() {
  const { db, device } = useSession();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const current = useOperator();
  const { lock, switchTo } = useOperatorSession();
  const settings = useObservable(() => storeSettings$(db, device.storeId), [db, device.storeId]);
  const idleSeconds = settings.status === 'ready' ? settings.value.idleLockSeconds : DEFAULT_STORE_SETTINGS.idleLockSeconds;
  const staff = useObservable(() => operators$(db), [db]);
  const operators = useMemo(() => (staff.status === 'ready' ? staff.value : []), [staff]);

  useIdleLock(idleSeconds, lock);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.repeat || !isLockKey(e)) return;
      e.preventDefault();
      lock();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [lock]);

  useScanHandler(
    (code) => {
      const owner = findByBadge(operators, code);
      // A courier's badge names the courier to the dispatch and return screens; couriers sign in from the list.
      if (!owner || owner.roles.every((r) => r === 'courier')) return false;
      if (owner.id === current.id) void message.info(t('signin.alreadySignedIn', { name: owner.name }));
      else switchTo(owner.id);
      return true;
    },
    true,
    'global',
  );
  return null;
}
