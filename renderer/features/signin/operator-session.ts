import { create } from 'zustand';

/**
 * Who is signed in on this terminal right now. Ephemeral on purpose: a reload, a lock or the idle timer ends the
 * session, and it is never synced. The operator's document itself is read live from RxDB, by this id.
 */
interface OperatorSessionState {
  operatorId: string | null;
  /** The operator the sign-in screen opens on: the one who locked, or whose badge was just scanned. */
  preselectId: string | null;
  /** Whether the screen was locked (F12, Ctrl+L, idle) rather than signed out: the sign-in screen says so. */
  locked: boolean;
  signIn: (operatorId: string) => void;
  /** Ends the session; the next person starts from the list. */
  signOut: () => void;
  /** Ends the session but offers the same operator's PIN first, for a quick return. */
  lock: () => void;
  /** A badge scanned while someone works: end their session and go straight to the badge owner's PIN. */
  switchTo: (operatorId: string) => void;
}

export const useOperatorSession = create<OperatorSessionState>()((set) => ({
  operatorId: null,
  preselectId: null,
  locked: false,
  signIn: (operatorId) => set({ operatorId, preselectId: null, locked: false }),
  signOut: () => set({ operatorId: null, preselectId: null, locked: false }),
  lock: () => set((s) => ({ operatorId: null, preselectId: s.operatorId, locked: s.operatorId !== null })),
  switchTo: (operatorId) => set({ operatorId: null, preselectId: operatorId, locked: false }),
}));
