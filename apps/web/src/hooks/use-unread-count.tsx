import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useLocation } from 'react-router-dom';
import { countUnreadMessages } from '../api/notifications';
import { useClient } from '../session';

/** How often the unread count is asked for again while the page is visible. */
export const unreadCountIntervalMs = 30_000;

interface UnreadCountValue {
  /** Null until the first answer, and while the server cannot be reached then. */
  count: number | null;
  /** Asks for the count again now (after the person read or did something). */
  refresh(): void;
}

const UnreadCountContext = createContext<UnreadCountValue | null>(null);

/**
 * Keeps the person's unread count: asked for at once, again every 30 s while the page is
 * visible, when the page is shown or focused again, after every navigation inside the app, and
 * whenever a screen says something changed. A failed ask keeps the count shown.
 */
export function UnreadCountProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const location = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const pending = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    countUnreadMessages(client, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setCount(answer.count);
      },
      () => {
        // Offline or refused: the count shown stays until the next ask.
      },
    );
  }, [client]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each navigation asks again.
  useEffect(() => {
    refresh();
  }, [refresh, location.pathname]);

  useEffect(() => {
    const visible = () => document.visibilityState === 'visible';
    let timer: ReturnType<typeof setInterval> | undefined;
    const schedule = () => {
      clearInterval(timer);
      timer = visible() ? setInterval(refresh, unreadCountIntervalMs) : undefined;
    };
    const shown = () => {
      if (visible()) refresh();
      schedule();
    };
    schedule();
    document.addEventListener('visibilitychange', shown);
    window.addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', shown);
      window.removeEventListener('focus', refresh);
      pending.current?.abort();
    };
  }, [refresh]);

  const value = useMemo(() => ({ count, refresh }), [count, refresh]);
  return <UnreadCountContext.Provider value={value}>{children}</UnreadCountContext.Provider>;
}

/** The unread count and a way to ask for it again; a no-op outside the signed-in frame. */
export function useUnreadCount(): UnreadCountValue {
  return useContext(UnreadCountContext) ?? { count: null, refresh: () => {} };
}
