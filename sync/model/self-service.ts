import type { OrderEvent } from './order-event.js';

/**
 * The operator id of facts a customer makes at the kiosk, with no staff member present (issue 10, "Releasing to a
 * customer"). The pickup pass, not a PIN, is the authority for these: a verified QR or a typed code that matched
 * the pass's slow hash. Only the kiosk's two facts may carry it; every other fact needs a real operator.
 */
export const SELF_SERVICE_OPERATOR = 'self-service';

/** Whether a fact is one the kiosk may record without an operator: a locker release proven by the pass, or a door that failed. */
export function isSelfServiceFact(event: Pick<OrderEvent, 'operatorId' | 'type' | 'via' | 'proof'>): boolean {
  if (event.operatorId !== SELF_SERVICE_OPERATOR) return false;
  if (event.type === 'picked_up') return event.via === 'locker' && (event.proof === 'qr' || event.proof === 'code');
  return event.type === 'locker_failed';
}
