import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { getMe, logOut as logOutRequest } from './api/auth';
import { type ApiClient, ApiError } from './api/client';
import type { Tokens, User } from './api/types';

export type SessionState =
  /** The refresh-token cookie, if any, is being exchanged: on every page load (a reload, a new tab, the return from PayPal). */
  | { status: 'restoring' }
  /**
   * `logged-out`: by the person; `deleted`: the person deleted their account; `ended`: the
   * server refused the session; `none`: there was none.
   */
  | { status: 'signed-out'; reason: 'none' | 'logged-out' | 'deleted' | 'ended' }
  | { status: 'signed-in'; user: User }
  /** The session could not be checked: the server did not answer. */
  | { status: 'unreachable' };

interface SessionValue {
  client: ApiClient;
  state: SessionState;
  /** Keeps the tokens of a login and loads the user. */
  signIn(tokens: Tokens): Promise<User>;
  logOut(): Promise<void>;
  /** Forgets the session of an account just deleted (the server has ended it already). */
  accountDeleted(): void;
  /** The user as a profile change answered it. */
  updateUser(user: User): void;
  /** Tries again to restore a session the server did not answer for. */
  restore(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'restoring' });
  const [restoreAttempt, setRestoreAttempt] = useState(0);

  useEffect(() => client.onSessionEnded(() => setState({ status: 'signed-out', reason: 'ended' })), [client]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `restoreAttempt` asks for another try.
  useEffect(() => {
    let current = true;
    setState({ status: 'restoring' });
    getMe(client).then(
      (user) => {
        if (current) setState({ status: 'signed-in', user });
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 401) {
          client.endSession();
          setState({ status: 'signed-out', reason: 'none' });
        } else {
          setState({ status: 'unreachable' });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [client, restoreAttempt]);

  const signIn = useCallback(
    async (tokens: Tokens) => {
      client.startSession(tokens);
      const user = await getMe(client);
      setState({ status: 'signed-in', user });
      return user;
    },
    [client],
  );

  const logOut = useCallback(async () => {
    try {
      await logOutRequest(client);
    } catch {
      // The tokens are forgotten here either way; an unrevoked refresh token expires on its own.
    }
    client.endSession();
    setState({ status: 'signed-out', reason: 'logged-out' });
  }, [client]);

  const accountDeleted = useCallback(() => {
    client.endSession();
    setState({ status: 'signed-out', reason: 'deleted' });
  }, [client]);

  const updateUser = useCallback((user: User) => setState({ status: 'signed-in', user }), []);
  const restore = useCallback(() => setRestoreAttempt((value) => value + 1), []);

  const value = useMemo(
    () => ({ client, state, signIn, logOut, accountDeleted, updateUser, restore }),
    [client, state, signIn, logOut, accountDeleted, updateUser, restore],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession is used outside SessionProvider');
  return session;
}

/** The signed-in user; for screens behind `RequireSession`. */
export function useUser(): User {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useUser is used outside a signed-in screen');
  return state.user;
}

export function useClient(): ApiClient {
  return useSession().client;
}
