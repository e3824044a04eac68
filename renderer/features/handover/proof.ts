import type { PickupProof } from '../../../sync/model/index.js';
import type { QueueRow } from '../orders/queue.js';

/**
 * How the counter checks what the customer shows. The seam for the signed pickup passes (sync/model/pickup-pass*):
 * a verifier takes the scanned QR text or the typed code and says whether it proves the right to this order. Until
 * the pass verifier is wired in here, a QR or a code cannot be checked on this terminal and the counter says so; the
 * staff's own confirmation (`staff`, recorded as such) is always available.
 */
export type ProofCheck = { ok: true; proof: PickupProof } | { ok: false; code: 'PROOF_UNAVAILABLE' | 'PROOF_REFUSED'; message: string };

export interface PickupProofVerifier {
  /** A scanned pass (its QR text) or a typed pickup code, for this order. */
  check(row: QueueRow, input: { kind: 'qr' | 'code'; text: string }): Promise<ProofCheck>;
}

export const UNAVAILABLE_VERIFIER: PickupProofVerifier = {
  check: async (_row, input) => ({ ok: false, code: 'PROOF_UNAVAILABLE', message: `a pickup ${input.kind} cannot be checked on this terminal yet; confirm the customer yourself` }),
};

let current: PickupProofVerifier = UNAVAILABLE_VERIFIER;

/** Installs the pass verifier (the pickup-pass feature calls this at start). */
export function setPickupProofVerifier(v: PickupProofVerifier): void {
  current = v;
}

export function pickupProofVerifier(): PickupProofVerifier {
  return current;
}
