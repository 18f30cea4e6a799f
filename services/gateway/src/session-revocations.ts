import { identityRequests, type RevokedSessions } from '@moneypal/contracts';
import { AppError, type Bus, call, type Logger, newId } from '@moneypal/kit';

export interface SessionRevocationsOptions {
  bus: Bus;
  logger: Logger;
  /** How often identity is asked which sessions ended since its last answer. */
  pollIntervalMs: number;
  /** How long each question waits for identity. */
  timeoutMs: number;
}

export interface SessionRevocations {
  /**
   * Whether the session ended (logout, a password change, a deleted user). Until the first
   * list has arrived it asks identity, and answers `unavailable` when identity does not answer.
   */
  isRevoked(sessionId: string, requestId: string): boolean | Promise<boolean>;
  stop(): void;
}

/**
 * Each question reaches this far back before the previous answer's `as_of`, so that a
 * revocation committed a little after the time it carries is still seen.
 */
const overlapMs = 10_000;

/**
 * The gateway's deny-list of ended sessions, so that an access token stops working within
 * about `pollIntervalMs` of a logout, a password change or a deletion instead of living on
 * until it expires. Identity is asked every `pollIntervalMs` for the sessions ended since its
 * last answer; a session is forgotten once no access token of it can still be valid. While
 * identity does not answer, the last list stays in force and the token's expiry is the backstop.
 */
export function watchSessionRevocations({
  bus,
  logger,
  pollIntervalMs,
  timeoutMs,
}: SessionRevocationsOptions): SessionRevocations {
  /** Session id → when it ended, in milliseconds of identity's clock. */
  const revoked = new Map<string, number>();
  let since: string | null = null;
  let primed = false;
  let failing = false;
  let stopped = false;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  function apply(answer: RevokedSessions): void {
    for (const session of answer.sessions) revoked.set(session.session_id, Date.parse(session.revoked_at));
    const asOf = Date.parse(answer.as_of);
    const horizon = asOf - answer.access_token_ttl_seconds * 1000 - overlapMs;
    for (const [sessionId, revokedAt] of revoked) if (revokedAt < horizon) revoked.delete(sessionId);
    since = new Date(asOf - overlapMs).toISOString();
    primed = true;
    if (failing) logger.info('the list of ended sessions is current again');
    failing = false;
  }

  function refresh(requestId: string): Promise<void> {
    inFlight ??= call(bus, identityRequests.revokedSessions, { since }, { requestId, timeoutMs })
      .then(apply)
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  function poll(): void {
    refresh(newId())
      .catch((error: unknown) => {
        if (!failing) {
          logger.warn({ err: error }, 'cannot fetch the ended sessions; the last list stays in force');
        }
        failing = true;
      })
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(poll, pollIntervalMs);
        timer.unref();
      });
  }
  poll();

  return {
    isRevoked(sessionId, requestId) {
      if (primed) return revoked.has(sessionId);
      return refresh(requestId).then(
        () => revoked.has(sessionId),
        () => {
          throw new AppError('unavailable', 'Sessions cannot be checked right now; try again shortly.');
        },
      );
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
