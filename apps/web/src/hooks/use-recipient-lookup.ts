import { useCallback, useEffect, useRef, useState } from 'react';
import { findRecipient } from '../api/auth';
import { ApiError } from '../api/client';
import type { Recipient } from '../api/types';
import { validateRecipient } from '../forms';
import { useClient } from '../session';

/** How long typing must pause before what was typed is looked up. */
export const recipientLookupDelayMs = 350;

export type SettledLookup =
  | { status: 'found'; query: string; recipient: Recipient }
  | { status: 'unknown'; query: string }
  | { status: 'failed'; query: string; error: unknown };

export type RecipientLookup = { status: 'idle' } | { status: 'checking'; query: string } | SettledLookup;

/**
 * Looks the recipient up as it is typed, once typing pauses, and each text once. `settle`
 * answers the lookup of a text now (waiting for one under way), for a person who continues
 * before the pause. A lookup that failed (offline, too many lookups) is asked again next time.
 */
export function useRecipientLookup(text: string): {
  lookup: RecipientLookup;
  settle(query: string): Promise<SettledLookup>;
} {
  const client = useClient();
  const answers = useRef(new Map<string, Promise<SettledLookup>>());
  const [lookup, setLookup] = useState<RecipientLookup>({ status: 'idle' });

  const settle = useCallback(
    (query: string) => {
      let answer = answers.current.get(query);
      if (answer === undefined) {
        answer = findRecipient(client, query).then(
          (recipient): SettledLookup => ({ status: 'found', query, recipient }),
          (error: unknown): SettledLookup =>
            error instanceof ApiError && error.code === 'recipient_not_found'
              ? { status: 'unknown', query }
              : { status: 'failed', query, error },
        );
        answers.current.set(query, answer);
        void answer.then((settled) => {
          if (settled.status === 'failed') answers.current.delete(query);
        });
      }
      return answer;
    },
    [client],
  );

  const query = text.trim();
  useEffect(() => {
    if (validateRecipient(query) !== undefined) {
      setLookup({ status: 'idle' });
      return;
    }
    let current = true;
    setLookup({ status: 'checking', query });
    const timer = setTimeout(() => {
      void settle(query).then((settled) => {
        if (current) setLookup(settled);
      });
    }, recipientLookupDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, settle]);

  return { lookup, settle };
}
