import type { PinHash } from '../model/pin.js';
import { SYNC_BASE } from './sync.js';

/**
 * How PIN verifiers reach a terminal (docs/ARCHITECTURE.md, "Operators and permissions"). They are not synced
 * documents: the renderer holds the device token (its replication needs it), so a route that answered to that
 * token would hand the verifiers to anyone with devtools. This route answers only to the device's *main key*, a
 * second secret issued at enrollment that the terminal's main side keeps and never passes to the renderer.
 */
export const pinRoutes = {
  /** GET, `Authorization: Bearer <main key>`; `If-None-Match` with the last ETag answers 304 when nothing changed. */
  operatorVerifiers: () => `${SYNC_BASE}/operator-verifiers`,
  /**
   * POST, `Authorization: Bearer <device token>`: issues the main key of a device enrolled before main keys
   * existed, once. Any later call is a 409 CONFLICT, so a renderer that tries after the main side has claimed gets
   * nothing (and a main side that finds its key claimed knows to have the device re-enrolled).
   */
  mainKey: () => `${SYNC_BASE}/device/main-key`,
} as const;

/** One operator of the device's store, as the main side needs them to answer a sign-in. */
export interface OperatorVerifier {
  id: string;
  active: boolean;
  /**
   * The PIN's slow hash: only for an active operator who has a PIN, and for a manager only when that PIN is known
   * to have at least MANAGER_PIN_MIN_DIGITS digits. Otherwise null.
   */
  pin: PinHash | null;
}

export interface OperatorVerifiersResponse {
  storeId: string;
  operators: OperatorVerifier[];
}

export interface MainKeyResponse {
  deviceId: string;
  mainKey: string;
}
