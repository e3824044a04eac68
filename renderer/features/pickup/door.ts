import type { StoreOpsContract } from '../../../main/contract.js';
import type { Compartment } from '../../../sync/model/index.js';

const POLL_MS = 400;

/**
 * Polls the board until the compartment's door reads closed: the end of a load (staff) and of a release (customer).
 * A board that does not answer keeps the wait going; 'timeout' after `timeoutMs`, 'aborted' when the screen left.
 */
export async function waitDoorClosed(platform: Pick<StoreOpsContract, 'lockerStatus'>, compartment: Compartment, timeoutMs: number, signal?: AbortSignal): Promise<'closed' | 'timeout' | 'aborted'> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (signal?.aborted) return 'aborted';
    const status = await platform.lockerStatus(compartment.bankId).catch((err: unknown) => {
      // The board may be busy with another command or briefly unreachable: the next poll asks again.
      console.warn('locker status failed while waiting for a door', err);
      return null;
    });
    if (status?.compartments.find((c) => c.number === compartment.number)?.open === false) return 'closed';
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return signal?.aborted ? 'aborted' : 'timeout';
}
