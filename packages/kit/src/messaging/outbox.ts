import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { Bus, CloudEvent, MessageContext } from '../bus/types.js';
import { rowsOf } from '../db/database.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { OutboxLag, ServiceMetrics } from '../observability/metrics.js';
import { activeTrace } from '../observability/tracing.js';
import type { MessagingTables } from './tables.js';

export interface NewEvent<Data> {
  source: string;
  type: string;
  subject: string;
  data: Data;
  context?: Partial<MessageContext>;
  time?: Date;
}

/**
 * A new event. Its trace context is the one given, or else the request and span being
 * handled where it is created, so that its consumers continue the trace.
 */
export function createEvent<Data>({
  source,
  type,
  subject,
  data,
  context: given,
  time = new Date(),
}: NewEvent<Data>): CloudEvent<Data> {
  const active = activeTrace();
  const context = {
    traceparent: given?.traceparent ?? active.traceparent,
    requestId: given?.requestId ?? active.requestId,
  };
  return {
    specversion: '1.0',
    id: newId(),
    source,
    type,
    time: time.toISOString(),
    subject,
    datacontenttype: 'application/json',
    data,
    ...(context.traceparent ? { traceparent: context.traceparent } : {}),
    ...(context.requestId ? { requestid: context.requestId } : {}),
  };
}

/** The request that caused a change, carried into the events it writes so logs can follow it. */
export type TraceContext = Partial<MessageContext>;

/** An event to write, with the contract (zod schema) its data must meet. */
export interface ContractEvent<Schema extends z.ZodType> {
  type: string;
  schema: Schema;
  subject: string;
  data: z.input<Schema>;
  time: Date;
  trace?: TraceContext | undefined;
}

/** An event of `source`, its data checked against its contract: a bad event fails the change that writes it. */
export function createContractEvent<Schema extends z.ZodType>(
  source: string,
  event: ContractEvent<Schema>,
): CloudEvent<z.output<Schema>> {
  return createEvent({
    source,
    type: event.type,
    subject: event.subject,
    data: event.schema.parse(event.data),
    ...(event.trace ? { context: event.trace } : {}),
    time: event.time,
  });
}

/**
 * Writes an event into the outbox. Call it with the transaction that makes the change the
 * event reports, so that both commit or neither does.
 */
export async function enqueueEvent<Schema extends MessagingTables>(
  // A transaction is a Kysely too; naming it lets TypeScript infer the schema from one.
  trx: Transaction<Schema> | Kysely<Schema>,
  event: CloudEvent,
): Promise<void> {
  await enqueueEvents(trx, [event]);
}

/**
 * Writes several events into the outbox in one statement, in the transaction of their
 * change. Given a relay's claim, they are claimed for that relay as they are written: call
 * its `publishClaimed` with them after the commit.
 */
export async function enqueueEvents<Schema extends MessagingTables>(
  trx: Transaction<Schema> | Kysely<Schema>,
  events: readonly CloudEvent[],
  claim?: Pick<ClaimingOutbox, 'leaseMs'>,
): Promise<void> {
  if (events.length === 0) return;
  await outboxInsertOf(events, claim).execute(trx);
}

/**
 * The statement `enqueueEvents` runs, for a writer that runs it as part of a statement of
 * its own (a CTE), to spare a round trip. `events` must not be empty.
 */
export function outboxInsertOf(
  events: readonly CloudEvent[],
  claim?: Pick<ClaimingOutbox, 'leaseMs'>,
  /**
   * Writes only the events whose subject (a UUID) this query returns, e.g. the ids a CTE
   * of the same statement changed: the others were not meant to be written after all.
   */
  subjectsIn?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const claimedUntil = claim === undefined ? sql<Date | null>`null` : claimedUntilOf(claim);
  const only = subjectsIn === undefined ? sql`` : sql`where (event->>'subject')::uuid in (${subjectsIn})`;
  return sql`
    insert into outbox (id, type, event, claimed_until)
    select id, type, event, ${claimedUntil}
    from ${rowsOf(
      'outbox',
      events.map((event) => ({ id: event.id, type: event.type, event })),
    )}
    ${only}
  `;
}

/**
 * A relay as a busy writer uses it: its events are claimed for the relay as they are
 * written, and the relay publishes them as soon as their transaction committed, with no
 * pass to find and claim them. If that never happens (the process died), the claim runs
 * out and any relay's pass publishes them.
 */
export interface ClaimingOutbox {
  /** How long a claim lasts. */
  readonly leaseMs: number;
  /** Publishes events written under this relay's claim, once their transaction has committed. */
  publishClaimed(events: readonly CloudEvent[]): void;
}

/** The end of a claim (of an event, or any row leased the same way) taken now, by the database's clock. */
export function claimedUntilOf(claim: Pick<ClaimingOutbox, 'leaseMs'>): RawBuilder<Date> {
  return sql<Date>`now() + ${claim.leaseMs} * interval '1 millisecond'`;
}

export interface OutboxRelayOptions<Schema extends MessagingTables = MessagingTables> {
  /** A service's own database; its schema only has to include the messaging tables. */
  db: Kysely<Schema>;
  bus: Bus;
  logger: Logger;
  /** How often to look for unsent events when nobody calls `notify`. */
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claim on a batch lasts; a relay that dies is replaced after it. */
  leaseMs?: number;
  /**
   * How long the events published through `publishClaimed` wait to be marked sent, so that
   * those of several commits are marked by one statement (and one commit) rather than one
   * each. Until then they stay claimed, so no pass publishes them again.
   */
  markDelayMs?: number;
  /** Where the outbox lag (measured at each scrape while the relay runs) and published events are counted. */
  metrics?: ServiceMetrics;
}

/**
 * Publishes committed outbox events and marks them sent. A batch is claimed with a lease
 * in a short transaction and published outside it, so no transaction stays open across
 * the network; if the relay dies between publishing and marking, the lease runs out and
 * the events are published again with the same ids, which the broker and every inbox
 * deduplicate.
 */
export class OutboxRelay<Schema extends MessagingTables = MessagingTables> implements ClaimingOutbox {
  private readonly db: Kysely<MessagingTables>;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  readonly leaseMs: number;
  /** Publications of claimed events that are under way. */
  private readonly publishing = new Set<Promise<void>>();
  private readonly markDelayMs: number;
  /** Claimed events published and not yet marked sent; `markPublished` marks them together. */
  private published: string[] = [];
  private marking: Promise<void> | undefined;
  /** Ends the wait of `markPublished` at once (when the relay stops). */
  private markNow: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Set by `stop`: a pass that is running ends after its batch. */
  private stopping = false;
  private stopObserving: (() => void) | undefined;

  private readonly options: OutboxRelayOptions;

  constructor(options: OutboxRelayOptions<Schema>) {
    // Only the messaging tables are touched; a relay of any schema is the same relay.
    this.options = options as unknown as OutboxRelayOptions;
    this.db = this.options.db;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.markDelayMs = options.markDelayMs ?? 20;
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.stopObserving ??= this.options.metrics?.observeOutbox(() => this.lag());
    this.notify();
  }

  /** Asks for a pass now, e.g. right after a commit that wrote events. */
  notify(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox relay pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.notify();
        } else {
          this.timer = setTimeout(() => this.notify(), this.pollIntervalMs);
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.stopObserving?.();
    this.stopObserving = undefined;
    clearTimeout(this.timer);
    await this.running;
    await Promise.allSettled(this.publishing);
    this.markNow?.();
    await this.marking;
  }

  publishClaimed(events: readonly CloudEvent[]): void {
    // A relay that stopped leaves them to the next start, once the claim runs out.
    if (events.length === 0 || this.stopped) return;
    const publishing = this.publish(
      events.map((event) => ({ id: event.id, event })),
      (sentIds) => this.markLater(sentIds),
    )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'publishing new events failed; a pass will retry them');
        this.notify();
      })
      .finally(() => this.publishing.delete(publishing));
    this.publishing.add(publishing);
  }

  /** How many events wait to be published, and how long the oldest has waited (by the database clock). */
  async lag(): Promise<OutboxLag> {
    const row = await this.db
      .selectFrom('outbox')
      .select([
        (eb) => eb.fn.countAll<bigint>().as('pending'),
        sql<number>`coalesce(extract(epoch from now() - min(created_at)), 0)::float8`.as(
          'oldest_age_seconds',
        ),
      ])
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { pending: Number(row.pending), oldestAgeSeconds: Math.max(0, row.oldest_age_seconds) };
  }

  /**
   * Publishes every unsent, unclaimed event; returns how many were published. When a
   * publication fails, the others of its batch are still marked sent, the failed ones are
   * released for the next pass, and the pass ends with the error (no tight retry loop).
   */
  async drain(): Promise<number> {
    let published = 0;
    // A relay that is stopping finishes its batch and leaves the rest for the next start.
    for (let first = true; first || !this.stopping; first = false) {
      const batch = await this.claimBatch();
      if (batch.length === 0) return published;
      published += await this.publish(batch);
      // A short batch took every event there was; events committed since then ask for
      // another pass through `notify`, so looking again now would only find nothing.
      if (batch.length < this.batchSize) return published;
    }
    return published;
  }

  /**
   * Publishes claimed events, marks the published ones sent and releases the others for the
   * next pass; returns how many were published, or rejects with the first failure.
   */
  private async publish(
    batch: readonly { id: string; event: CloudEvent }[],
    markSent: (sentIds: string[]) => Promise<void> = (sentIds) => this.markSent(sentIds),
  ): Promise<number> {
    const outcomes = await Promise.allSettled(batch.map(({ event }) => this.options.bus.publish(event)));
    const sent = batch.filter((_, index) => outcomes[index]!.status === 'fulfilled');
    const sentIds = sent.map(({ id }) => id);
    const failedIds = batch.filter((_, index) => outcomes[index]!.status === 'rejected').map(({ id }) => id);
    // Counted once the broker has them, before the mark: whoever sees them marked sees them counted.
    for (const { event } of sent) this.options.metrics?.eventsPublished.inc({ type: event.type });
    if (sentIds.length > 0) await markSent(sentIds);
    if (failedIds.length > 0) {
      await this.db
        .updateTable('outbox')
        .set({ claimed_until: null })
        .where(sql<boolean>`id = any(${failedIds}::uuid[])`)
        .execute();
      const failure = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
      throw failure.reason;
    }
    return sentIds.length;
  }

  private async markSent(ids: readonly string[]): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ sent_at: sql<Date>`now()`, claimed_until: null })
      // One array parameter: one statement text however many events.
      .where(sql<boolean>`id = any(${ids}::uuid[])`)
      .execute();
  }

  /**
   * Queues published events to be marked sent after `markDelayMs`, together with those that
   * other commits publish meanwhile: one statement for them all. If the process dies first,
   * their claim runs out and a pass publishes them again with the same ids, which the broker
   * and every inbox deduplicate. A failed marking leaves them to that too.
   */
  private markLater(ids: readonly string[]): Promise<void> {
    this.published.push(...ids);
    this.marking ??= this.markPublished().finally(() => {
      this.marking = undefined;
    });
    return Promise.resolve();
  }

  private async markPublished(): Promise<void> {
    while (this.published.length > 0) {
      if (!this.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.markDelayMs);
          this.markNow = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.markNow = undefined;
      }
      const ids = this.published;
      this.published = [];
      try {
        await this.markSent(ids);
      } catch (error) {
        this.options.logger.error(
          { err: error },
          'marking published events sent failed; they will be published again',
        );
      }
    }
  }

  /**
   * Claims the oldest unsent events; `skip locked` keeps concurrent relays off each other's
   * rows. The lease is computed and compared with the database's clock only, so relays on
   * machines whose clocks disagree still honour each other's claims.
   */
  private async claimBatch(): Promise<{ id: string; event: CloudEvent }[]> {
    return this.db
      .updateTable('outbox')
      .set({ claimed_until: claimedUntilOf(this) })
      .where(
        'id',
        'in',
        this.db
          .selectFrom('outbox')
          .select('id')
          .where('sent_at', 'is', null)
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
          .orderBy('id')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'event'])
      .execute();
  }
}
