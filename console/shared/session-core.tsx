import { createContext, useCallback, useContext, useEffect, useState, type Context, type ReactNode } from 'react';
import { ApiError, setCsrfToken } from './api.js';

/**
 * A web app's session, whatever its user (a console user, a supplier): the first check, sign-in and sign-out, the
 * CSRF token kept for writes (api.ts), and expired() for a page whose call answered 401. Each app makes its own
 * with createSession; the shared pages' hooks (ui.tsx useLoad) reach expired() through ExpiredContext.
 */
export interface SessionState<User, Credentials> {
  /** undefined while the first session check runs; null when nobody is signed in. */
  user: User | null | undefined;
  signIn(credentials: Credentials): Promise<void>;
  signOut(): Promise<void>;
  /** A page whose call answered 401 (the session expired elsewhere) sends the user back to the sign-in. */
  expired(): void;
  /** Replace the user (e.g. after a password change the server answers with the updated session). */
  update(session: { user: User; csrfToken: string }): void;
}

/** The calls a session needs from its app's API. */
export interface SessionApi<User, Credentials> {
  current(): Promise<{ user: User; csrfToken: string }>;
  signIn(credentials: Credentials): Promise<{ user: User; csrfToken: string }>;
  signOut(): Promise<unknown>;
}

const noop = () => undefined;
/** expired() of whichever app's session is around; outside one (a unit-rendered page) it does nothing. */
export const ExpiredContext = createContext<() => void>(noop);

export function createSession<User, Credentials>(auth: SessionApi<User, Credentials>): {
  SessionProvider(props: { children: ReactNode }): ReactNode;
  useSession(): SessionState<User, Credentials>;
  context: Context<SessionState<User, Credentials> | null>;
} {
  const SessionContext = createContext<SessionState<User, Credentials> | null>(null);

  function SessionProvider(props: { children: ReactNode }) {
    const [user, setUser] = useState<User | null | undefined>(undefined);

    useEffect(() => {
      let live = true;
      auth
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

    const signIn = useCallback(async (credentials: Credentials) => {
      const s = await auth.signIn(credentials);
      setCsrfToken(s.csrfToken);
      setUser(s.user);
    }, []);

    const signOut = useCallback(async () => {
      try {
        await auth.signOut();
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

    const update = useCallback((s: { user: User; csrfToken: string }) => {
      setCsrfToken(s.csrfToken);
      setUser(s.user);
    }, []);

    return (
      <SessionContext value={{ user, signIn, signOut, expired, update }}>
        <ExpiredContext value={expired}>{props.children}</ExpiredContext>
      </SessionContext>
    );
  }

  function useSession(): SessionState<User, Credentials> {
    const s = useContext(SessionContext);
    if (!s) throw new Error('useSession outside SessionProvider');
    return s;
  }

  return { SessionProvider, useSession, context: SessionContext };
}
