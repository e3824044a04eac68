import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken } from './api.js';
import { authApi, type ConsoleRole, type ConsoleUser } from './auth-api.js';

export interface SessionState {
  /** undefined while the first session check runs; null when nobody is signed in. */
  user: ConsoleUser | null | undefined;
  signIn(name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** A page whose call answered 401 (the session expired elsewhere) sends the user back to the sign-in. */
  expired(): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider(props: { children: ReactNode }) {
  const [user, setUser] = useState<ConsoleUser | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    authApi
      .current()
      .then((s) => {
        setCsrfToken(s.csrfToken);
        if (live) setUser(s.user);
      })
      .catch(() => {
        // No session (401) or no server: either way the sign-in page is where to start.
        if (live) setUser(null);
      });
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (name: string, password: string) => {
    const s = await authApi.signIn({ name, password });
    setCsrfToken(s.csrfToken);
    setUser(s.user);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.signOut();
    } catch (err) {
      // Signing out of a session that already ended is still signed out.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const expired = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
  }, []);

  return <SessionContext value={{ user, signIn, signOut, expired }}>{props.children}</SessionContext>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
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
