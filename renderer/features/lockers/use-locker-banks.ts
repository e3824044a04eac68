import { useCallback, useEffect, useState } from 'react';
import type { LockerBankConfig } from '../../../main/contract.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { useSession } from '../../ui/session.js';

export type BanksState = { status: 'loading' } | { status: 'ready'; banks: LockerBankConfig[] } | { status: 'error'; error: CodedError };

/** The locker banks configured on this terminal (they live with main, like printers, not in the synced data). */
export function useLockerBanks(): { state: BanksState; set: (banks: LockerBankConfig[]) => void } {
  const { platform } = useSession();
  const [state, setState] = useState<BanksState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    platform.listLockerBanks().then(
      (banks) => live && setState({ status: 'ready', banks }),
      (err: unknown) => {
        console.error('listing locker banks failed', err);
        if (live) setState({ status: 'error', error: toCodedError(err, 'INTERNAL') });
      },
    );
    return () => {
      live = false;
    };
  }, [platform]);
  const set = useCallback((banks: LockerBankConfig[]) => setState({ status: 'ready', banks }), []);
  return { state, set };
}
