import { useCallback, useEffect, useState } from 'react';
import type { PrinterConfig } from '../../../main/contract.js';
import { toCodedError, type CodedError } from '../../ui/errors.js';
import { useSession } from '../../ui/session.js';

export type PrintersState =
  | { status: 'loading' }
  | { status: 'ready'; printers: PrinterConfig[] }
  | { status: 'error'; error: CodedError };

/** The printers configured on this terminal (they live with main, not in the synced database). */
export function usePrinters(): { state: PrintersState; reload: () => Promise<void>; set: (printers: PrinterConfig[]) => void } {
  const { platform } = useSession();
  const [state, setState] = useState<PrintersState>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', printers: await platform.listPrinters() });
    } catch (err) {
      console.error('listing printers failed', err);
      setState({ status: 'error', error: toCodedError(err, 'INTERNAL') });
    }
  }, [platform]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const set = useCallback((printers: PrinterConfig[]) => setState({ status: 'ready', printers }), []);
  return { state, reload, set };
}
