import type { OrderEventType } from '../../../sync/model/index.js';

/** One letter per status action, shown on its button. Chosen so the common path is A, P, R. */
export const ACTION_KEYS: Record<OrderEventType, string> = {
  accepted: 'a',
  rejected: 'x',
  picking_started: 'p',
  picked: 'k',
  packed: 'g',
  ready: 'r',
  dispatched: 'd',
  delivered: 'v',
  picked_up: 'u',
  // Offered only by the handover screens, which ask for their detail (handover.ts: QUICK_ACTION_EXCLUDED).
  delivery_failed: 'f',
  locker_failed: 'l',
  returned_to_stock: 't',
};

/** The action a key press asks for, among those that are legal now. */
export function actionForKey(key: string, legal: readonly OrderEventType[]): OrderEventType | null {
  const lower = key.toLowerCase();
  return legal.find((type) => ACTION_KEYS[type] === lower) ?? null;
}
