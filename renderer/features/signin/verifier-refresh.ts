import { debounceTime, type Subscription } from 'rxjs';
import type { StoreOpsContract } from '../../../main/contract.js';
import type { TerminalDb } from '../../db/index.js';

/**
 * Tells the main side when the synced operators change (new staff, a new PIN, a deactivation), so it fetches
 * the PIN verifiers now instead of at its next poll. Only a hint: the main side polls anyway, and a renderer that
 * never calls this only delays a change by a minute; it cannot make the main side accept a PIN.
 */
export function tellMainWhenOperatorsChange(db: TerminalDb, platform: Pick<StoreOpsContract, 'operatorsChanged'>): Subscription {
  // A pull writes its documents one by one: one request per burst.
  return db.operators.$.pipe(debounceTime(300)).subscribe(() => {
    platform.operatorsChanged().catch((err: unknown) => console.warn('the main side could not refresh the PIN verifiers', err));
  });
}
