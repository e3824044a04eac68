import type { TerminalDb } from '../../db/index.js';
import type { PickupProofVerifier } from '../handover/proof.js';
import { checkPresented } from './kiosk-check.js';

/**
 * The counter's check of a customer's pass or code (renderer/features/handover/proof.ts): the kiosk's own check
 * (signature or slow hash, used, replaced, expired, the lock-out after wrong codes, kept per terminal), for the order
 * the staff member scanned. Unlike the kiosk, the counter takes orders with cash still due: it takes the money.
 */
export function passVerifier(db: TerminalDb, storeId: string, now: () => number = Date.now): PickupProofVerifier {
  return {
    async check(row, input) {
      const presented = input.kind === 'qr' ? { kind: 'qr' as const, token: input.text } : { kind: 'code' as const, code: input.text };
      const check = await checkPresented(db, storeId, presented, now(), { cashDue: 'allowed' });
      if (!check.ok) return { ok: false, code: 'PROOF_REFUSED', message: `${check.code}: ${check.message}` };
      if (check.orderId !== row.order.id) return { ok: false, code: 'PROOF_REFUSED', message: `the pass is for order ${check.orderId}, not ${row.order.id}` };
      return { ok: true, proof: check.proof };
    },
  };
}
