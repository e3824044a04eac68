import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApprovalDialog, type ApprovalRequest } from './ApprovalDialog.js';

/**
 * Asks for a manager's approval and waits for it: resolves with the approving manager's id, or null when the
 * operator cancels (or the screen goes away, e.g. on an idle lock). Render `dialog` on the current screen.
 */
export function useApproval(): { requestApproval: (request: ApprovalRequest) => Promise<string | null>; dialog: ReactNode } {
  const [request, setRequest] = useState<ApprovalRequest | null>(null);
  const pending = useRef<((managerId: string | null) => void) | null>(null);

  const settle = useCallback((managerId: string | null) => {
    const resolve = pending.current;
    pending.current = null;
    setRequest(null);
    resolve?.(managerId);
  }, []);

  useEffect(() => () => pending.current?.(null), []);

  const requestApproval = useCallback(
    (next: ApprovalRequest) =>
      new Promise<string | null>((resolve) => {
        pending.current?.(null);
        pending.current = resolve;
        setRequest(next);
      }),
    [],
  );

  const dialog = <ApprovalDialog request={request} onApproved={(id) => settle(id)} onCancel={() => settle(null)} />;
  return { requestApproval, dialog };
}
