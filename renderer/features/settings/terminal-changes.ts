import type { TerminalDb } from '../../db/index.js';
import type { PrinterConfig, StoreOpsContract } from '../../../main/contract.js';
import type { Actor, AuthorityCode } from '../approval/authorize.js';
import { checkAuthority } from '../approval/check.js';

export type PrinterChange = { kind: 'save'; config: PrinterConfig } | { kind: 'delete'; id: string };

export type PrinterChangeResult = { ok: true; printers: PrinterConfig[] } | { ok: false; code: AuthorityCode; message: string };

/**
 * Changes one of this terminal's printers, if the operator may (terminal.configure: a manager), whatever the screen
 * allowed. The main side keeps the change in the terminal's change log with the operator's id.
 */
export async function changePrinter(db: TerminalDb, platform: Pick<StoreOpsContract, 'savePrinter' | 'deletePrinter'>, actor: Actor, change: PrinterChange): Promise<PrinterChangeResult> {
  const authority = await checkAuthority(db, actor, 'terminal.configure');
  if (!authority.ok) return authority;
  const by = { operatorId: actor.operatorId };
  const printers = change.kind === 'save' ? await platform.savePrinter(change.config, by) : await platform.deletePrinter(change.id, by);
  return { ok: true, printers };
}
