import type { SecretBox } from '../pins/secret-box.js';

/**
 * How a secret sits in a file of the data dir: which box sealed it and the sealed text. The box is named so that a
 * file written by another box is told apart from a damaged one (main/secrets/recovery.ts turns both into a stop
 * with a way to re-enroll, never a silent reset).
 */
export interface Sealed {
  box: SecretBox['kind'];
  payload: string;
}

export type OpenResult = { ok: true; text: string; resealNeeded: boolean } | { ok: false; undecryptable: boolean; reason: string };

export function seal(box: SecretBox, text: string): Sealed {
  return { box: box.kind, payload: box.seal(text) };
}

export function isSealed(v: unknown): v is Sealed {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return (o.box === 'plain' || o.box === 'safeStorage') && typeof o.payload === 'string' && Object.keys(o).length === 2;
}

/**
 * Opens what `box` or the plain box sealed. A plain envelope read by a real box is accepted and marked for
 * sealing (a data dir provisioned in browser mode, or before safeStorage was used): its text was never protected
 * by anything but the file's mode, so reading it loses nothing. A safeStorage envelope read without safeStorage,
 * or one the OS store refuses to open, is undecryptable: another machine, another account, or a lost keyring.
 */
export function openSealed(box: SecretBox, sealed: Sealed): OpenResult {
  if (sealed.box === 'plain') return { ok: true, text: sealed.payload, resealNeeded: box.kind !== 'plain' };
  if (box.kind !== sealed.box) {
    return { ok: false, undecryptable: true, reason: `it was sealed with the OS secret store (${sealed.box}), which this terminal does not have (${box.kind})` };
  }
  try {
    return { ok: true, text: box.open(sealed.payload), resealNeeded: false };
  } catch (err) {
    return { ok: false, undecryptable: true, reason: `the OS secret store cannot open it (another machine or account?): ${err instanceof Error ? err.message : String(err)}` };
  }
}
