import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../ui/session.js';
import { toCodedError } from '../../ui/errors.js';
import { useActor } from '../signin/current-operator.js';
import { gateOf } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';
import { useApproval } from '../approval/use-approval.js';
import { findShortages, overrideNotes, type GuardedOrder } from './shortages.js';
import { StockWarningDialog, type StockWarning } from './StockWarningDialog.js';

/** Go ahead, with a note for each order that went ahead short of stock; or stop, and record nothing. */
export type StockDecision = { go: true; notes: Readonly<Record<string, string>> } | { go: false };

/**
 * The check before an order is accepted or a batch picked: if it would take a product below zero available, the
 * operator sees what is short and decides; a manager may go ahead alone, anyone else with a manager's approval on
 * the same screen (stock.override). Render `dialog` on the screen that asks.
 */
export function useStockGuard(): { confirmStock: (orders: readonly GuardedOrder[], what: 'accept' | 'pick') => Promise<StockDecision>; dialog: ReactNode } {
  const { db } = useSession();
  const actor = useActor();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { requestApproval, dialog: approvalDialog } = useApproval();
  const [warning, setWarning] = useState<StockWarning | null>(null);
  const pending = useRef<((go: boolean) => void) | null>(null);
  const latest = useRef({ actor, t, message });
  latest.current = { actor, t, message };

  useEffect(() => () => {
    pending.current?.(false);
    pending.current = null;
  }, []);

  const decide = useCallback((go: boolean) => {
    const resolve = pending.current;
    pending.current = null;
    setWarning(null);
    resolve?.(go);
  }, []);

  const confirmStock = useCallback(
    async (orders: readonly GuardedOrder[], what: 'accept' | 'pick'): Promise<StockDecision> => {
      const { actor: who, t: tr, message: say } = latest.current;
      let short;
      try {
        short = await findShortages(db, orders);
      } catch (err) {
        // Not knowing the stock is no reason to stop the shift: say so and go on as before this check existed.
        console.error('checking the stock failed', err);
        void say.warning(tr('stockGuard.checkFailed', { message: toCodedError(err, 'INTERNAL').message }));
        return { go: true, notes: {} };
      }
      if (short.length === 0) return { go: true, notes: {} };
      const gate = gateOf(who.roles, 'stock.override');
      const go = await new Promise<boolean>((resolve) => {
        pending.current?.(false);
        pending.current = resolve;
        setWarning({ what, orderId: orders.length === 1 ? orders[0]?.id : undefined, short, gate });
      });
      if (!go || gate === 'forbidden') return { go: false };
      let approvedBy: string | null = null;
      if (gate === 'approval') {
        const action = what === 'pick' ? tr('stockGuard.goPick') : tr('stockGuard.goAccept');
        const summary = tr('stockGuard.approvalSummary', { what: `${action} · ${short.map((s) => `${s.name} ${s.availableAfter}`).join(', ')}` });
        approvedBy = await requestApproval({ action: 'stock.override', requesterId: who.operatorId, summary });
        if (!approvedBy) {
          void say.info(tr('stockGuard.notOverridden'));
          return { go: false };
        }
      }
      const authority = await checkAuthority(db, who, 'stock.override', approvedBy);
      if (!authority.ok) {
        void say.error(`${authority.code}: ${authority.message}`);
        return { go: false };
      }
      return { go: true, notes: overrideNotes(short, approvedBy) };
    },
    [db, requestApproval],
  );

  const dialog = (
    <>
      <StockWarningDialog warning={warning} onDecide={decide} />
      {approvalDialog}
    </>
  );
  return { confirmStock, dialog };
}
