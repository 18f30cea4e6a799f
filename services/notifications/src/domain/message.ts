import type {
  InboxMessage,
  Message,
  messageChannels,
  messageStatuses,
  messageTemplates,
} from '@moneypal/contracts';

export type MessageChannel = (typeof messageChannels)[number];
export type MessageStatus = (typeof messageStatuses)[number];
export type MessageTemplate = (typeof messageTemplates)[number];

/** A message as stored. */
export interface MessageRecord {
  id: string;
  user_id: string | null;
  channel: MessageChannel;
  /** The email address or phone number. */
  recipient: string;
  template: MessageTemplate;
  subject: string | null;
  body: string;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: Date | null;
  expires_at: Date | null;
  provider_id: string | null;
  error: string | null;
  source_event_id: string;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  /** When its user first read it in the app; null while unread. */
  read_at: Date | null;
}

/** A message to send, as an event asks for it. */
export interface MessageDraft {
  userId: string | null;
  channel: MessageChannel;
  to: string;
  template: MessageTemplate;
  subject: string | null;
  body: string;
  /** After it the message is not worth sending. */
  expiresAt?: Date | null;
}

/** How often a message is tried, and how long to wait after each failed attempt. */
export interface RetryPolicy {
  maxAttempts: number;
  /** The wait after the 1st, 2nd, … failed attempt; the last value repeats. */
  retryBackoffMs: readonly number[];
}

/** What one attempt to hand a message to its provider came to. */
export type AttemptOutcome =
  | { kind: 'sent'; providerId: string }
  | { kind: 'rejected'; error: string }
  /** Not attempted: the message expired while it waited. */
  | { kind: 'expired' }
  /**
   * Not attempted: the channel's circuit breaker is open (its outside system is failing).
   * The message waits `retryAfterMs` and this does not count as an attempt.
   */
  | { kind: 'held'; reason: string; retryAfterMs: number };

export type MessageChanges = Pick<
  MessageRecord,
  'status' | 'attempts' | 'next_attempt_at' | 'provider_id' | 'error' | 'body' | 'updated_at' | 'sent_at'
>;

/** Provider errors can be long (a whole SMTP transcript line); the log keeps the start. */
const maxErrorLength = 500;

/** A one-time or reset code's body is the secret itself: it is kept only until it is sent. */
export function holdsSecret(template: MessageTemplate): boolean {
  return template === 'one_time_code' || template === 'password_reset';
}

export function createMessageRecord(
  draft: MessageDraft,
  id: string,
  sourceEventId: string,
  now: Date,
): MessageRecord {
  return {
    id,
    user_id: draft.userId,
    channel: draft.channel,
    recipient: draft.to,
    template: draft.template,
    subject: draft.subject,
    body: draft.body,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    expires_at: draft.expiresAt ?? null,
    provider_id: null,
    error: null,
    source_event_id: sourceEventId,
    created_at: now,
    updated_at: now,
    sent_at: null,
    // A code is read where it is typed: it is never news in the app's inbox.
    read_at: holdsSecret(draft.template) ? now : null,
  };
}

/** The wait after the given failed attempt (1-based); the last value repeats. */
export function retryDelayMs(retryBackoffMs: readonly number[], failedAttempts: number): number {
  if (retryBackoffMs.length === 0) return 0;
  return retryBackoffMs[Math.min(Math.max(failedAttempts, 1), retryBackoffMs.length) - 1]!;
}

export function isExpired(message: Pick<MessageRecord, 'expires_at'>, now: Date): boolean {
  return message.expires_at !== null && message.expires_at.getTime() <= now.getTime();
}

/**
 * The message after an attempt: sent with its provider id; or pending again after the
 * backoff; or failed once the attempts are used up or it expired; or, held back by an
 * open circuit breaker, pending again with its attempts as they were. A secret body is
 * blanked as soon as the message will not be tried again.
 */
export function changesAfterAttempt(
  message: Pick<MessageRecord, 'attempts' | 'template' | 'body'>,
  outcome: AttemptOutcome,
  now: Date,
  policy: RetryPolicy,
): MessageChanges {
  const final = (
    status: 'sent' | 'failed',
    changes: Pick<MessageChanges, 'attempts' | 'provider_id' | 'error' | 'sent_at'>,
  ): MessageChanges => ({
    ...changes,
    status,
    next_attempt_at: null,
    body: holdsSecret(message.template) ? '' : message.body,
    updated_at: now,
  });
  switch (outcome.kind) {
    case 'sent':
      return final('sent', {
        attempts: message.attempts + 1,
        provider_id: outcome.providerId,
        error: null,
        sent_at: now,
      });
    case 'expired':
      return final('failed', {
        attempts: message.attempts,
        provider_id: null,
        error: 'expired before it could be sent',
        sent_at: null,
      });
    case 'held':
      return {
        status: 'pending',
        attempts: message.attempts,
        next_attempt_at: new Date(now.getTime() + outcome.retryAfterMs),
        provider_id: null,
        error: outcome.reason.slice(0, maxErrorLength),
        body: message.body,
        updated_at: now,
        sent_at: null,
      };
    case 'rejected': {
      const attempts = message.attempts + 1;
      const error = outcome.error.slice(0, maxErrorLength);
      if (attempts >= policy.maxAttempts) {
        return final('failed', { attempts, provider_id: null, error, sent_at: null });
      }
      return {
        status: 'pending',
        attempts,
        next_attempt_at: new Date(now.getTime() + retryDelayMs(policy.retryBackoffMs, attempts)),
        provider_id: null,
        error,
        body: message.body,
        updated_at: now,
        sent_at: null,
      };
    }
  }
}

/** The message as the log and events show it: never its body. */
export function toPublicMessage(message: MessageRecord): Message {
  return {
    id: message.id,
    user_id: message.user_id,
    channel: message.channel,
    to: message.recipient,
    template: message.template,
    subject: message.subject,
    status: message.status,
    attempts: message.attempts,
    provider_id: message.provider_id,
    error: message.error,
    created_at: message.created_at.toISOString(),
    updated_at: message.updated_at.toISOString(),
    sent_at: message.sent_at === null ? null : message.sent_at.toISOString(),
  };
}

/**
 * The message as its reader's inbox shows it: with its text and read time, but never a
 * code's text, which is a secret even while it waits to be sent.
 */
export function toInboxMessage(message: MessageRecord): InboxMessage {
  return {
    ...toPublicMessage(message),
    body: holdsSecret(message.template) ? '' : message.body,
    read_at: message.read_at === null ? null : message.read_at.toISOString(),
  };
}
