import { useCallback, useRef, useState } from 'react';
import { isRetryable } from '../api/errors';

export type MovementState<Result> =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'succeeded'; result: Result }
  | { status: 'failed'; error: unknown; retryable: boolean };

interface Attempt<Result> {
  idempotencyKey: string;
  send: (idempotencyKey: string) => Promise<Result>;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * One money-moving request per confirmation. Confirming starts an attempt with a new
 * Idempotency-Key; `retry` sends the same request with the same key, so a retry after a
 * lost answer moves money at most once; a second confirm or retry while one is in flight is
 * ignored (a double click sends one request, even before the button is re-rendered as
 * disabled).
 */
export function useMoneyMovement<Result>(newKey: () => string = newIdempotencyKey) {
  const [state, setState] = useState<MovementState<Result>>({ status: 'idle' });
  const attempt = useRef<Attempt<Result> | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(async (current: Attempt<Result>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setState({ status: 'sending' });
    try {
      const result = await current.send(current.idempotencyKey);
      attempt.current = null;
      setState({ status: 'succeeded', result });
    } catch (error) {
      setState({ status: 'failed', error, retryable: isRetryable(error) });
    } finally {
      inFlight.current = false;
    }
  }, []);

  /** The person confirmed: a new attempt, with a new key. */
  const confirm = useCallback(
    (send: (idempotencyKey: string) => Promise<Result>) => {
      if (inFlight.current) return;
      attempt.current = { idempotencyKey: newKey(), send };
      void run(attempt.current);
    },
    [newKey, run],
  );

  /** The same attempt again: the same request with the same key. */
  const retry = useCallback(() => {
    if (attempt.current !== null) void run(attempt.current);
  }, [run]);

  /** Back to the form: the next confirmation is a new attempt. */
  const reset = useCallback(() => {
    if (inFlight.current) return;
    attempt.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, confirm, retry, reset };
}
