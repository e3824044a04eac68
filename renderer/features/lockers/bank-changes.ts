import type { TerminalDb } from '../../db/index.js';
import type { LockerBankConfig, OpenCompartmentResult, StoreOpsContract } from '../../../main/contract.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

export type BankChange = { kind: 'save'; config: LockerBankConfig } | { kind: 'delete'; id: string };

export type Refusal = { ok: false; code: AuthorityCode; message: string };

/**
 * Changes one of this terminal's locker banks, if the operator may (terminal.configure: a manager), whatever the
 * screen allowed; the main side keeps it in the terminal's change log with the operator's id, like printers.
 */
export async function changeLockerBank(
  db: TerminalDb,
  platform: Pick<StoreOpsContract, 'saveLockerBank' | 'deleteLockerBank'>,
  actor: Actor,
  change: BankChange,
): Promise<{ ok: true; banks: LockerBankConfig[] } | Refusal> {
  const authority = await checkAuthority(db, actor, 'terminal.configure');
  if (!authority.ok) return authority;
  const by = { operatorId: actor.operatorId };
  const banks = change.kind === 'save' ? await platform.saveLockerBank(change.config, by) : await platform.deleteLockerBank(change.id, by);
  return { ok: true, banks };
}

/**
 * Opens a door from the health view to check it (service), a manager's like the rest of the set-up. Releasing a
 * parcel to a customer is the pickup flow's, with its own checks; this is the technician's test.
 */
export async function openForService(
  db: TerminalDb,
  platform: Pick<StoreOpsContract, 'openCompartment'>,
  actor: Actor,
  bankId: string,
  number: number,
): Promise<{ ok: true; opened: OpenCompartmentResult } | Refusal> {
  const authority = await checkAuthority(db, actor, 'terminal.configure');
  if (!authority.ok) return authority;
  return { ok: true, opened: await platform.openCompartment({ bankId, number, operatorId: actor.operatorId, reason: 'service' }) };
}
