import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApprovalDialog, type ApprovalRequest } from './ApprovalDialog.js';

/**
 * Asks for a manager's approval and waits for it: resolves with the approving manager's id, or null when the
 * operator cancels (or the screen goes away, e.g. on an idle lock). Render `dialog` on the current screen.
 */
export function useApproval(): { requestApproval: (request: ApprovalRequest) => Promise<string | null>; dialog: ReactNode } {
  const [request, setRequest] = useState<ApprovalRequest | null>(null);
  const pending = useRef<((managerId: string | null) => void) | null>(null);
  const mounted = useRef(true);

  const settle = useCallback((managerId: string | null) => {
    const resolve = pending.current;
    pending.current = null;
    setRequest(null);
    resolve?.(managerId);
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      pending.current?.(null);
      pending.current = null;
    };
  }, []);

  const requestApproval = useCallback(
    (next: ApprovalRequest) =>
      new Promise<string | null>((resolve) => {
        // Asked after the screen went away (the request waited on the database meanwhile): nobody can answer.
        if (!mounted.current) return resolve(null);
        pending.current?.(null);
        pending.current = resolve;
        setRequest(next);
      }),
    [],
  );

  const dialog = <ApprovalDialog request={request} onApproved={(id) => settle(id)} onCancel={() => settle(null)} />;
  return { requestApproval, dialog };
}
