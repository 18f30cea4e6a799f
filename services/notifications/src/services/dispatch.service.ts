import { messageEventData, notificationsEvents } from '@moneypal/contracts';
import { type Logger, newId } from '@moneypal/kit';
import type { MessageRow, NotificationsDatabase } from '../database.js';
import {
  type AttemptOutcome,
  changesAfterAttempt,
  isExpired,
  type RetryPolicy,
  toPublicMessage,
} from '../domain/message.js';
import { claimDueMessages, recordAttempt } from '../repositories/message.repository.js';
import type { EmailTransport } from './email.transport.js';
import { writeEvent } from './events.js';
import type { SmsProvider } from './sms.provider.js';

export interface DispatchServiceOptions {
  db: NotificationsDatabase;
  clock: () => Date;
  logger: Logger;
  email: EmailTransport;
  sms: SmsProvider;
  policy: RetryPolicy;
  /** How often to look for due messages (retries come due this way) when nobody calls `notify`. */
  pollIntervalMs: number;
  /** Messages claimed and sent together in one pass. */
  batchSize?: number;
  /** How long a claim lasts; longer than any one attempt can take (see the transports' timeouts). */
  leaseMs?: number;
  /** Called after a commit that wrote events, so the outbox relay publishes them now. */
  onEventsWritten: () => void;
}

/**
 * Sends pending messages, as the kit's outbox relay publishes events: a batch is claimed
 * with a lease in a short statement and sent outside any transaction; each outcome is
 * written with its event in a transaction of its own. A failed attempt is tried again
 * after the policy's backoff; the last failed attempt, or a message that expired while it
 * waited, ends as `failed`. Passes within one process run one after another.
 */
export class DispatchService {
  private readonly db: NotificationsDatabase;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private tail: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private passQueued = false;
  private stopped = true;

  constructor(private readonly options: DispatchServiceOptions) {
    this.db = options.db;
    this.batchSize = options.batchSize ?? 10;
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
      const batch = await claimDueMessages(this.db, {
        now: this.options.clock(),
        limit: this.batchSize,
        leaseMs: this.leaseMs,
        token,
      });
      if (batch.length === 0) return attempted;
      const outcomes = await Promise.allSettled(batch.map((message) => this.attempt(message, token)));
      attempted += batch.length;
      const failure = outcomes.find((outcome) => outcome.status === 'rejected');
      // An outcome that could not be written stays claimed until its lease runs out, then is tried again.
      if (failure) throw failure.reason;
      if (batch.length < this.batchSize) return attempted;
    }
  }

  private async attempt(message: MessageRow, token: string): Promise<void> {
    const outcome: AttemptOutcome = isExpired(message, this.options.clock())
      ? { kind: 'expired' }
      : await this.deliver(message);
    const now = this.options.clock();
    const changes = changesAfterAttempt(message, outcome, now, this.options.policy);
    const recorded = await this.db.transaction().execute(async (trx) => {
      const updated = await recordAttempt(trx, message.id, token, changes);
      if (updated === undefined || updated.status === 'pending') return updated;
      await writeEvent(trx, {
        type: updated.status === 'sent' ? notificationsEvents.messageSent : notificationsEvents.messageFailed,
        schema: messageEventData,
        subject: updated.id,
        data: { message: toPublicMessage(updated) },
        time: now,
      });
      return updated;
    });
    const fields = {
      message_id: message.id,
      channel: message.channel,
      template: message.template,
      attempts: changes.attempts,
    };
    if (recorded === undefined) {
      this.options.logger.warn(
        fields,
        'message outcome not recorded: another dispatcher took the message over',
      );
      return;
    }
    if (recorded.status !== 'pending') this.options.onEventsWritten();
    if (recorded.status === 'sent') {
      this.options.logger.info({ ...fields, provider_id: recorded.provider_id }, 'message sent');
    } else if (recorded.status === 'failed') {
      this.options.logger.error({ ...fields, error: recorded.error }, 'message failed');
    } else {
      this.options.logger.warn(
        { ...fields, error: recorded.error, next_attempt_at: recorded.next_attempt_at?.toISOString() },
        'message not sent; it will be tried again',
      );
    }
  }

  /** Hands the message to its channel's provider; a failure is an outcome, not an error. */
  private async deliver(message: MessageRow): Promise<AttemptOutcome> {
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
      return { kind: 'rejected', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
