import { useCallback, useEffect, useRef, useState } from 'react';
import type { LockerBankStatus, StoreOpsContract } from '../../../main/contract.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';

export type BankStatusState = { status: LockerBankStatus | null; error: CodedError | null; reading: boolean };

/** How often the health view reads the boards while it is open: a door closed by a customer shows within this. */
export const STATUS_POLL_MS = 3000;

/**
 * The bank's doors and boards, read from the main side now and every STATUS_POLL_MS while shown. One read at a
 * time: the bus takes one command at a time anyway, and a silent board makes a read last its timeouts.
 */
export function useBankStatus(platform: Pick<StoreOpsContract, 'lockerStatus'>, bankId: string, version: number): BankStatusState & { read: () => Promise<void> } {
  const [state, setState] = useState<BankStatusState>({ status: null, error: null, reading: false });
  const busy = useRef(false);
  const live = useRef(true);
  const read = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setState((s) => ({ ...s, reading: true }));
    try {
      const status = await platform.lockerStatus(bankId);
      if (live.current) setState({ status, error: null, reading: false });
    } catch (err) {
      console.error(`reading locker bank ${bankId} failed`, err);
      if (live.current) setState((s) => ({ ...s, error: toCodedError(err, 'INTERNAL'), reading: false }));
    } finally {
      busy.current = false;
    }
  }, [platform, bankId]);

  useEffect(() => {
    live.current = true;
    void read();
    const timer = setInterval(() => void read(), STATUS_POLL_MS);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, [read, version]);

  return { ...state, read };
}
