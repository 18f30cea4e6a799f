import { messageEventData, notificationsEvents } from '@moneypal/contracts';
import { CircuitOpenError, type CircuitState, type ClaimingOutbox, type Logger, newId } from '@moneypal/kit';
import type { EmailConfig } from '../config.js';
import type { NotificationsDatabase } from '../database.js';
import {
  type AttemptOutcome,
  changesAfterAttempt,
  isExpired,
  type MessageChannel,
  type MessageRecord,
  type MessageTemplate,
  type RetryPolicy,
  retryDelayMs,
  toPublicMessage,
} from '../domain/message.js';
import type * as messageRepository from '../repositories/message.repository.js';
import { notificationsEvent } from './events.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** Decides what may be logged: never the body of a one-time code. */
  template: MessageTemplate;
}

/** Where email goes. `send` resolves once the email was handed over, with the id it was given. */
export interface EmailTransport {
  readonly mode: EmailConfig['mode'];
  send(email: OutgoingEmail): Promise<{ providerId: string }>;
  close(): void;
}

export interface OutgoingSms {
  /** An E.164 phone number. */
  to: string;
  body: string;
}

/** An SMS gateway. `send` resolves once the provider accepted the message, with its id for it. */
export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<{ providerId: string }>;
}

/** What the dispatcher needs to know of a channel's breaker. */
export interface ChannelBreaker {
  readonly state: CircuitState;
  /** How long the breaker stays open before a probe is let through. */
  readonly resetMs: number;
  /** Stops its timers; the breaker refuses every call afterwards. */
  shutdown(): void;
}

export interface DispatchServiceOptions {
  db: NotificationsDatabase;
  repositories: { messages: typeof messageRepository };
  clock: () => Date;
  logger: Logger;
  email: EmailTransport;
  sms: SmsProvider;
  /**
   * The circuit breakers `email` and `sms` send through, by channel: a message refused by an
   * open one waits for its reset time, and a half-open one gets a single message first.
   */
  breakers?: Partial<Record<MessageChannel, ChannelBreaker>>;
  policy: RetryPolicy;
  /** How often to look for due messages (retries come due this way) when nobody calls `notify`. */
  pollIntervalMs: number;
  /** Messages claimed and sent together in one pass. */
  batchSize?: number;
  /** How long a claim lasts; longer than any one attempt can take (see the transports' timeouts). */
  leaseMs?: number;
  /** The outbox relay: the events of outcomes are claimed for it, and it publishes them after the commit. */
  outbox: ClaimingOutbox;
}

/** What the intake needs of the dispatcher: the lease to claim new messages with, and sending them. */
export interface ClaimedMessageSender {
  readonly leaseMs: number;
  /** Sends messages claimed with `token` (for at most `leaseMs`), after any pass that is running. */
  sendClaimed(messages: MessageRecord[], token: string): void;
}

/**
 * Sends pending messages, as the kit's outbox relay publishes events: a batch is claimed
 * with a lease in a short statement and sent outside any transaction; the batch's outcomes
 * are written with their events in one transaction. A failed attempt is tried again
 * after the policy's backoff; the last failed attempt, or a message that expired while it
 * waited, ends as `failed`. A message an open circuit breaker refused is not attempted: it
 * waits for the breaker's reset time, its attempts unchanged. Passes within one process
 * run one after another.
 */
export class DispatchService implements ClaimedMessageSender {
  private readonly db: NotificationsDatabase;
  private readonly batchSize: number;
  readonly leaseMs: number;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private passQueued = false;
  private stopped = true;

  constructor(private readonly options: DispatchServiceOptions) {
    this.db = options.db;
    this.batchSize = options.batchSize ?? 50;
    this.leaseMs = options.leaseMs ?? 120_000;
  }

  start(): void {
    this.stopped = false;
    this.notify();
  }

  /** Asks for a pass soon, e.g. right after a commit that wrote messages. */
  notify(): void {
    if (this.stopped || this.passQueued) return;
    this.passQueued = true;
    clearTimeout(this.timer);
    void this.serialized(() => {
      this.passQueued = false;
      return this.drain();
    })
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'dispatch pass failed'))
      .finally(() => {
        if (this.stopped || this.passQueued) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.notify(), this.options.pollIntervalMs);
      });
  }

  sendClaimed(messages: MessageRecord[], token: string): void {
    if (this.stopped) return; // The lease runs out and a later pass sends them.
    void this.serialized(() => this.attempt(messages, token)).catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'sending new messages failed'),
    );
  }

  /** Runs a pass now, after any running one; resolves with how many messages it tried to send. */
  dispatchNow(): Promise<number> {
    return this.serialized(() => this.drain());
  }

  /** Ends the loop once the running pass has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tail;
  }

  private serialized<Result>(work: () => Promise<Result>): Promise<Result> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async drain(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const token = newId();
      const batch = await this.options.repositories.messages.claimDueMessages(this.db, {
        now: this.options.clock(),
        limit: this.batchSize,
        leaseMs: this.leaseMs,
        token,
      });
      if (batch.length === 0) return attempted;
      await this.attempt(batch, token);
      attempted += batch.length;
      if (batch.length < this.batchSize) return attempted;
    }
  }

  /**
   * Sends a claimed batch, then writes every outcome with its event in one transaction. An
   * outcome that cannot be written leaves its message claimed until the lease runs out;
   * then it is tried again.
   */
  private async attempt(batch: MessageRecord[], token: string): Promise<void> {
    const outcomes = await this.deliverAll(batch);
    const now = this.options.clock();
    const changes = batch.map((message, index) =>
      changesAfterAttempt(message, outcomes[index]!, now, this.options.policy),
    );
    // The events of final outcomes are made beforehand and written with them, in one statement.
    const outcomeEvents = batch.flatMap((message, index) => {
      const changed = { ...message, ...changes[index]! };
      if (changed.status === 'pending') return [];
      return [
        notificationsEvent({
          type:
            changed.status === 'sent' ? notificationsEvents.messageSent : notificationsEvents.messageFailed,
          schema: messageEventData,
          subject: changed.id,
          data: { message: toPublicMessage(changed) },
          time: now,
        }),
      ];
    });
    const rows = await this.options.repositories.messages.recordAttempts(
      this.db,
      token,
      batch.map((message, index) => ({ message, changes: changes[index]! })),
      { events: outcomeEvents, outbox: this.options.outbox },
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const recorded = batch.map((message) => byId.get(message.id));
    const events = outcomeEvents.filter((event) => byId.has(event.subject));
    this.options.outbox.publishClaimed(events);
    let sent = 0;
    for (const [index, message] of batch.entries()) {
      // The breaker logs its own changes of state; a message it held back is not logged each time.
      if (outcomes[index]!.kind === 'held') continue;
      if (recorded[index]?.status === 'sent') sent += 1;
      this.logOutcome(message, changes[index]!.attempts, recorded[index]);
    }
    // One line per pass at info: under load a line per message would cost more than sending it.
    if (sent > 0) this.options.logger.info({ messages: sent }, 'messages sent');
  }

  private logOutcome(message: MessageRecord, attempts: number, recorded: MessageRecord | undefined): void {
    const fields = { message_id: message.id, channel: message.channel, template: message.template, attempts };
    if (recorded === undefined) {
      this.options.logger.warn(
        fields,
        'message outcome not recorded: another dispatcher took the message over',
      );
    } else if (recorded.status === 'sent') {
      if (this.options.logger.isLevelEnabled('debug')) {
        this.options.logger.debug({ ...fields, provider_id: recorded.provider_id }, 'message sent');
      }
    } else if (recorded.status === 'failed') {
      this.options.logger.error({ ...fields, error: recorded.error }, 'message failed');
    } else {
      this.options.logger.warn(
        { ...fields, error: recorded.error, next_attempt_at: recorded.next_attempt_at?.toISOString() },
        'message not sent; it will be tried again',
      );
    }
  }

  /**
   * Delivers a batch concurrently. Where a channel's breaker is half-open, one of its
   * messages goes first, alone, as the probe: the others then follow the probe's outcome
   * instead of being refused while it is under way.
   */
  private async deliverAll(batch: MessageRecord[]): Promise<AttemptOutcome[]> {
    const outcomes: (AttemptOutcome | undefined)[] = batch.map((message) =>
      isExpired(message, this.options.clock()) ? { kind: 'expired' } : undefined,
    );
    const probed = new Set<MessageChannel>();
    for (const [index, message] of batch.entries()) {
      if (outcomes[index] !== undefined || probed.has(message.channel)) continue;
      if (this.options.breakers?.[message.channel]?.state !== 'half-open') continue;
      probed.add(message.channel);
      outcomes[index] = await this.deliver(message);
    }
    return Promise.all(batch.map((message, index) => outcomes[index] ?? this.deliver(message)));
  }

  /** Hands the message to its channel's provider; a failure is an outcome, not an error. */
  private async deliver(message: MessageRecord): Promise<AttemptOutcome> {
    try {
      const { providerId } =
        message.channel === 'email'
          ? await this.options.email.send({
              to: message.recipient,
              subject: message.subject ?? '',
              text: message.body,
              template: message.template,
            })
          : await this.options.sms.send({ to: message.recipient, body: message.body });
      return { kind: 'sent', providerId };
    } catch (error) {
      if (error instanceof CircuitOpenError) {
        const retryAfterMs =
          this.options.breakers?.[message.channel]?.resetMs ??
          retryDelayMs(this.options.policy.retryBackoffMs, message.attempts + 1);
        return { kind: 'held', reason: error.message, retryAfterMs };
      }
      return { kind: 'rejected', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
