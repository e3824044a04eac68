import { useEffect, useRef } from 'react';
import type { LockerBankConfig } from '../../../main/contract.js';
import { LoneKeys } from '../../ui/lone-keys.js';
import { isTypingTarget } from '../../ui/keys.js';
import { useSession } from '../../ui/session.js';
import { BankCard } from './BankCard.js';
import { useBankStatus } from './use-bank-status.js';

/** A bank with its live status: read now, every few seconds, after an open, and on R. */
export function BankSection(props: {
  bank: LockerBankConfig;
  version: number;
  configure: boolean;
  busy: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onOpen: (number: number, reread: () => Promise<void>) => void;
  highlight?: number | undefined;
}) {
  const { platform } = useSession();
  const health = useBankStatus(platform, props.bank.id, props.version);
  const read = useRef(health.read);
  read.current = health.read;

  useEffect(() => {
    // A letter a scanner types inside a code is not a command (LoneKeys); R alone reads the doors again.
    const lone = new LoneKeys((key) => key.toLowerCase() === 'r' && void read.current());
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target) || document.querySelector('.ant-modal-wrap')) return;
      if ([...e.key].length === 1) lone.press(e.key, e.timeStamp);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      lone.cancel();
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  return <BankCard {...props} health={health} onOpen={(n) => props.onOpen(n, health.read)} />;
}
