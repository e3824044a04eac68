import { authApi, type ConsoleRole, type ConsoleUser } from './auth-api.js';
import { createSession } from './session-core.js';

/** The console's session (session-core.tsx): a console user, signing in with a name and a password. */
export interface SessionState {
  /** undefined while the first session check runs; null when nobody is signed in. */
  user: ConsoleUser | null | undefined;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** A page whose call answered 401 (the session expired elsewhere) sends the user back to the sign-in. */
  expired(): void;
}

const consoleSession = createSession<ConsoleUser, { name: string; password: string }>({
  current: () => authApi.current(),
  signIn: (c) => authApi.signIn(c),
  signOut: () => authApi.signOut(),
});

export const SessionProvider = consoleSession.SessionProvider;

export function useSession(): SessionState {
  const s = consoleSession.useSession();
  return { user: s.user, signIn: (name, password) => s.signIn({ name, password }), signOut: s.signOut, expired: s.expired };
}

/** The signed-in user; only for pages behind the shell, which renders them only when someone is signed in. */
export function useUser(): ConsoleUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser with nobody signed in');
  return user;
}

export function hasRole(user: ConsoleUser, roles: readonly ConsoleRole[]): boolean {
  return roles.includes(user.role);
}
