import { createContext, useContext, type ReactNode } from 'react';
import type { TerminalDb } from '../db/index.js';
import type { SyncHandle } from '../../sync/client/index.js';
import type { EnrolledDevice, StoreOpsContract, TerminalSettings } from '../../main/contract.js';

/** Everything a screen needs once the terminal is enrolled and its database is open. Lives as long as the page. */
export interface Session {
  db: TerminalDb;
  sync: SyncHandle;
  platform: StoreOpsContract;
  settings: TerminalSettings;
  device: EnrolledDevice;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={props.session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider: the shell renders screens only after boot');
  return session;
}
