import { firstValueFrom } from 'rxjs';
import { SUPPORT_QUARANTINE_MAX, type SupportBundleInput } from '../../../main/contract.js';
import type { SyncState } from '../../../sync/client/index.js';
import type { QuarantineDoc } from '../../db/index.js';
import type { Session } from '../../ui/session.js';

/**
 * What the renderer adds to a support bundle: the sync light's state and the newest quarantine entries. Only the
 * named fields are copied (main copies only them again): the refused document itself stays out, it may hold a
 * customer's address.
 */
export function supportInput(sync: SyncState | null, quarantine: readonly QuarantineDoc[]): SupportBundleInput {
  return {
    sync: sync && {
      online: sync.online,
      inSync: sync.inSync,
      pending: sync.pending,
      lastSyncedAt: sync.lastSyncedAt,
      quarantined: sync.quarantined,
      resyncing: sync.resyncing,
      error: sync.error && { code: sync.error.code, message: sync.error.message.slice(0, 2000) },
    },
    quarantine: [...quarantine]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, SUPPORT_QUARANTINE_MAX)
      // 500 characters of each reason: fifty of them must fit the web host's 64 KB body.
      .map((q) => ({ collectionName: q.collectionName, documentId: q.documentId, code: q.code, message: q.message.slice(0, 500), at: q.at })),
  };
}

export async function collectSupportInput(session: Pick<Session, 'db' | 'sync'>): Promise<SupportBundleInput> {
  // The sync state is a BehaviorSubject underneath: its first value is the current one.
  const sync = await firstValueFrom(session.sync.state$);
  const quarantine = await session.db.quarantine.find({ sort: [{ at: 'desc' }], limit: SUPPORT_QUARANTINE_MAX }).exec();
  return supportInput(sync, quarantine.map((d) => d.toJSON() as QuarantineDoc));
}
