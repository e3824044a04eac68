import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Modal, Typography, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { canApprove, type Action, type Operator } from '../../../sync/model/index.js';
import { useSession } from '../../ui/session.js';
import { useObservable } from '../../ui/use-observable.js';
import { useScanHandler } from '../../ui/scan-router.js';
import { findByBadge, operators$ } from '../signin/operators.js';
import { usePinAttempt } from '../signin/use-pin-attempt.js';
import { PinEntry } from '../signin/PinEntry.js';
import { PinProblemText } from '../signin/PinProblemText.js';

export interface ApprovalRequest {
  action: Action;
  /** The operator asking; they cannot approve their own action. */
  requesterId: string;
  /** What is being approved, in words, so the manager knows what their PIN signs. */
  summary: string;
}

/**
 * Manager approval on the current operator's screen: a manager steps up, scans their badge or is chosen from
 * the list (↑/↓), and types their own PIN. Verified offline by the main side (verifyPin), with the same lock-out
 * as sign-in.
 */
export function ApprovalDialog(props: { request: ApprovalRequest | null; onApproved: (managerId: string) => void; onCancel: () => void }) {
  const { db } = useSession();
  const { t } = useTranslation();
  const staff = useObservable(() => operators$(db), [db]);
  const all = useMemo(() => (staff.status === 'ready' ? staff.value : []), [staff]);
  const { request } = props;
  const managers = useMemo(
    () => (request ? all.filter((o) => o.active && o.id !== request.requesterId && canApprove(o.roles, request.action)) : []),
    [all, request],
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notManager, setNotManager] = useState<Operator | null>(null);
  const selected = managers.find((m) => m.id === selectedId) ?? managers[0] ?? null;
  const pinRef = useRef<InputRef>(null);
  // Once approved, the screen that asked moves focus on (e.g. into the next dialog); giving it back to what had
  // it before would pull it out of there when this dialog's closing animation ends.
  const [approved, setApproved] = useState(false);
  const attempt = usePinAttempt(request ? selected : null, (manager) => {
    setApproved(true);
    props.onApproved(manager.id);
  });

  useEffect(() => {
    setSelectedId(null);
    setNotManager(null);
    if (request) setApproved(false);
  }, [request]);
  useEffect(() => {
    if (request) pinRef.current?.focus();
  }, [request, selected?.id]);

  const choose = (manager: Operator) => {
    setSelectedId(manager.id);
    setNotManager(null);
    pinRef.current?.focus();
  };
  const step = (delta: number) => {
    if (managers.length === 0) return;
    const index = Math.max(0, managers.findIndex((m) => m.id === selected?.id));
    const next = managers[(index + delta + managers.length) % managers.length];
    if (next) choose(next);
  };

  useScanHandler(
    (code) => {
      const owner = findByBadge(all, code);
      const manager = owner && managers.find((m) => m.id === owner.id);
      if (manager) return choose(manager);
      if (owner) return setNotManager(owner);
      // Not a badge: the PIN typed fast and ended with Enter.
      if (document.activeElement === pinRef.current?.input) void attempt.submit();
    },
    request !== null,
    'modal',
  );

  return (
    <Modal
      open={request !== null}
      onCancel={props.onCancel}
      footer={null}
      destroyOnHidden
      width={760}
      focusTriggerAfterClose={!approved}
      title={<span style={{ fontSize: 24 }}>{t('approval.title')}</span>}
      afterOpenChange={(open) => open && pinRef.current?.focus()}
    >
      <div data-testid="approval-dialog" data-action={request?.action ?? ''} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
        <Typography.Text style={{ fontSize: 18 }}>{request?.summary}</Typography.Text>
        <Typography.Text style={{ fontSize: 17, color: '#434343' }}>{t('approval.intro')}</Typography.Text>
        {staff.status === 'ready' && managers.length === 0 && (
          <Alert data-testid="approval-no-manager" type="error" showIcon title={<span style={{ fontSize: 18 }}>{t('approval.noManager')}</span>} />
        )}
        {notManager && (
          <Alert data-testid="approval-error" data-code="NOT_A_MANAGER" type="error" showIcon title={<span style={{ fontSize: 18 }}>{t('approval.notManager', { name: notManager.name })}</span>} />
        )}
        <div style={{ display: 'flex', gap: 24 }}>
          <ul role="listbox" aria-label={t('approval.managers')} style={{ listStyle: 'none', margin: 0, padding: 0, flex: 1, maxHeight: 420, overflow: 'auto' }}>
            {managers.map((m) => (
              <li
                key={m.id}
                role="option"
                aria-selected={m.id === selected?.id}
                data-testid={`approval-manager-${m.id}`}
                data-selected={String(m.id === selected?.id)}
                onClick={() => choose(m)}
                style={{
                  padding: '14px 16px', fontSize: 22, cursor: 'pointer', borderBottom: '1px solid #f0f0f0',
                  background: m.id === selected?.id ? '#d6e4ff' : '#fff', borderLeft: `6px solid ${m.id === selected?.id ? '#0b5cad' : 'transparent'}`,
                }}
              >
                <strong>{m.name}</strong>
              </li>
            ))}
          </ul>
          {selected && (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
              <PinProblemText problem={notManager ? null : attempt.problem} testId="approval-error" name={selected.name} failures={attempt.failures} />
              <PinEntry
                ref={pinRef}
                value={attempt.pin}
                onChange={attempt.setPin}
                onSubmit={() => void attempt.submit()}
                busy={attempt.busy}
                inputTestId="approval-pin"
                submitTestId="approval-submit"
                submitLabel={t('approval.submit', { name: selected.name })}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    step(e.key === 'ArrowDown' ? 1 : -1);
                  }
                }}
              />
            </div>
          )}
        </div>
        <div style={{ fontSize: 16, color: '#434343' }}>{t('approval.keys')}</div>
      </div>
    </Modal>
  );
}
