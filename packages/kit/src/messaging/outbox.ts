import { type Kysely, sql } from 'kysely';
import type { Bus, CloudEvent, MessageContext } from '../bus/types.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { MessagingTables } from './tables.js';

export interface NewEvent<Data> {
  source: string;
  type: string;
  subject: string;
  data: Data;
  context?: Partial<MessageContext>;
  time?: Date;
}

export function createEvent<Data>({ source, type, subject, data, context, time = new Date() }: NewEvent<Data>): CloudEvent<Data> {
  return {
    specversion: '1.0',
    id: newId(),
    source,
    type,
    time: time.toISOString(),
    subject,
    datacontenttype: 'application/json',
    data,
    ...(context?.traceparent ? { traceparent: context.traceparent } : {}),
    ...(context?.requestId ? { requestid: context.requestId } : {}),
  };
}

/**
 * Writes an event into the outbox. Call it with the transaction that makes the change the
 * event reports, so that both commit or neither does.
 */
export async function enqueueEvent<Schema extends MessagingTables>(
  trx: Kysely<Schema>,
  event: CloudEvent,
): Promise<void> {
  const db = trx as unknown as Kysely<MessagingTables>;
  await db
    .insertInto('outbox')
    .values({ id: event.id, type: event.type, event: JSON.stringify(event), claimed_until: null, sent_at: null })
    .execute();
}

export interface OutboxRelayOptions {
  db: Kysely<MessagingTables>;
  bus: Bus;
  logger: Logger;
  /** How often to look for unsent events when nobody calls `notify`. */
  pollIntervalMs?: number;
  batchSize?: number;
  /** How long a claim on a batch lasts; a relay that dies is replaced after it. */
  leaseMs?: number;
}

/**
 * Publishes committed outbox events and marks them sent. A batch is claimed with a lease
 * in a short transaction and published outside it, so no transaction stays open across
 * the network; if the relay dies between publishing and marking, the lease runs out and
 * the events are published again with the same ids, which the broker and every inbox
 * deduplicate.
 */
export class OutboxRelay {
  private readonly db: Kysely<MessagingTables>;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly options: OutboxRelayOptions) {
    this.db = options.db;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.batchSize = options.batchSize ?? 100;
    this.leaseMs = options.leaseMs ?? 15_000;
  }

  start(): void {
    this.stopped = false;
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
    clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes every unsent, unclaimed event; returns how many were published. */
  async drain(): Promise<number> {
    let published = 0;
    for (;;) {
      const batch = await this.claimBatch();
      if (batch.length === 0) return published;
      await Promise.all(
        batch.map(async ({ id, event }) => {
          await this.options.bus.publish(event);
          await this.db.updateTable('outbox').set({ sent_at: new Date(), claimed_until: null }).where('id', '=', id).execute();
        }),
      );
      published += batch.length;
    }
  }

  /** Claims the oldest unsent events; `skip locked` keeps concurrent relays off each other's rows. */
  private async claimBatch(): Promise<{ id: string; event: CloudEvent }[]> {
    const leaseUntil = new Date(Date.now() + this.leaseMs);
    return this.db
      .updateTable('outbox')
      .set({ claimed_until: leaseUntil })
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
