import { useCallback } from 'react';
import type { PrintResult, StoreOpsContract } from '../../../main/contract.js';
import type { TerminalDb } from '../../db/index.js';
import { useSession } from '../../ui/session.js';
import { useStoreTimeZone } from '../../ui/store-time-zone.js';
import { buildPackageLabels, type LabelOrder, type LabelPackage, type LabelStore } from './labels.js';

/**
 * The store as its labels name it. The synced store document is the source; before it has arrived (a terminal
 * that started offline) the label still prints, with the store id as its name and the cached or system zone.
 */
export async function labelStore(db: TerminalDb, storeId: string): Promise<LabelStore> {
  const doc = (await db.stores.findOne(storeId).exec())?.toJSON();
  const timeZone = doc?.timezone ?? useStoreTimeZone.getState().timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { name: doc?.name ?? storeId, timeZone };
}

export type PrintPackageLabels = (order: LabelOrder, packages: readonly LabelPackage[], printerId: string, operatorId: string) => Promise<PrintResult[]>;

/** Prints one label per package of an order through the contract; failures reject with the printer's ContractError. */
export async function printPackageLabels(
  db: TerminalDb,
  platform: Pick<StoreOpsContract, 'printLabels'>,
  ...[order, packages, printerId, operatorId]: Parameters<PrintPackageLabels>
): Promise<PrintResult[]> {
  const labels = buildPackageLabels(order, packages, await labelStore(db, order.storeId));
  return platform.printLabels({ printerId, operatorId, labels });
}

/** printPackageLabels with the session's database and contract. */
export function usePrintPackageLabels(): PrintPackageLabels {
  const { db, platform } = useSession();
  return useCallback((...args) => printPackageLabels(db, platform, ...args), [db, platform]);
}
