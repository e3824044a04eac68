import type { PickupProof } from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';

/**
 * How the counter checks what the customer shows: a verifier takes the scanned QR text or the typed code and says
 * whether it proves the right to this order (renderer/features/pickup/counter-proof.ts, the kiosk's own check). The
 * staff's own confirmation (`staff`, recorded as such) is always available besides.
 */
export type ProofCheck = { ok: true; proof: PickupProof } | { ok: false; code: 'PROOF_REFUSED'; message: string };

export interface PickupProofVerifier {
  /** A scanned pass (its QR text) or a typed pickup code, for this order. */
  check(row: QueueRow, input: { kind: 'qr' | 'code'; text: string }): Promise<ProofCheck>;
}
