import { createTestDatabase, type TestDatabase } from '@moneypal/testing';
import type { Generated, Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, CloudEvent, DeadLetter, EventBatchHandler } from '../src/bus/types.js';
import { applyBatchOnce } from '../src/messaging/inbox.js';
import { type MessagingTables, messagingMigration } from '../src/messaging/tables.js';
import {
  availableTransports,
  type BusWorld,
  gate,
  sleep,
  testEvent,
  uniqueType,
  waitFor,
} from './support.js';

interface Schema extends MessagingTables {
  effects: { id: Generated<number>; event_id: string };
}

/** The consumer's own change: deliberately without a unique key, so a second application would show. */
const effectsMigration = {
  name: '0001_effects',
  sql: 'create table effects (id serial primary key, event_id uuid not null);',
};

/**
 * Batched consumption (ARCHITECTURE.md §3 "Batch at every hop"), the same on every bus: a
 * batch handler takes what is waiting together, applies it in one transaction with its
 * inbox rows, and each event keeps its own outcome.
 */
describe.each(availableTransports())('batches of events on the $name bus', (transport) => {
  let database: TestDatabase<Schema>;
  let db: Kysely<Schema>;
  let world: BusWorld;
  let publisher: Bus;

  beforeAll(async () => {
    database = await createTestDatabase<Schema>([messagingMigration, effectsMigration]);
    db = database.db;
  });

  afterAll(async () => {
    await database.destroy();
  });

  beforeEach(async () => {
    world = await transport.open();
    publisher = await world.connect('ledger');
  });

  afterEach(async () => {
    await world.close();
  });

  /** Applies a batch once, in one transaction with its inbox rows; fails as a whole on a poison event. */
  function applyingHandler(
    options: { maxBatchSize?: number; seen?: CloudEvent[][] } = {},
  ): EventBatchHandler {
    return {
      ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
      handle: async (events) => {
        options.seen?.push([...events]);
        await applyBatchOnce(
          db,
          'reports',
          events.map((event) => ({ event })),
          async (trx, fresh) => {
            if (fresh.some(({ event }) => (event.data as { poison?: boolean }).poison)) {
              throw new Error('the event breaks its contract');
            }
            await trx
              .insertInto('effects')
              .values(fresh.map(({ event }) => ({ event_id: event.id })))
              .execute();
          },
        );
      },
    };
  }

  async function effectCounts(events: readonly CloudEvent[]): Promise<number[]> {
    const rows = await db
      .selectFrom('effects')
      .select(['event_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where(
        'event_id',
        'in',
        events.map((event) => event.id),
      )
      .groupBy('event_id')
      .execute();
    const counts = new Map(rows.map((row) => [row.event_id, Number(row.count)]));
    return events.map((event) => counts.get(event.id) ?? 0);
  }

  it('hands a burst of events to a batch handler in batches no larger than it takes, each event once', async () => {
    const type = uniqueType('transfer.posted');
    const consumer = await world.connect('billing');
    const batches: string[][] = [];
    const busy = gate();
    await consumer.subscribe('reports', {
      [type]: {
        maxBatchSize: 20,
        handle: async (events) => {
          batches.push(events.map((event) => event.id));
          // The first batch holds the consumer while the rest of the burst arrives.
          if (batches.length === 1) await busy.promise;
        },
      },
    });
    const events = Array.from({ length: 50 }, () => testEvent(type));

    const publications = events.map((event) => publisher.publish(event));
    await waitFor(() => batches.length > 0, 'the first batch');
    await sleep(200);
    busy.open();
    await waitFor(() => batches.flat().length >= events.length, 'every event');
    await Promise.all(publications);
    await sleep(world.redeliveryWindowMs);

    expect(batches.flat().sort()).toEqual(events.map((event) => event.id).sort());
    expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(20);
    expect(batches.slice(1).some((batch) => batch.length > 1)).toBe(true);
  });

  it('applies one batch at a time, so events that arrive during a batch make the next one', async () => {
    const type = uniqueType('transfer.posted');
    const consumer = await world.connect('billing');
    const batches: string[][] = [];
    let running = 0;
    let mostRunning = 0;
    const busy = gate();
    await consumer.subscribe('reports', {
      [type]: {
        handle: async (events) => {
          running++;
          mostRunning = Math.max(mostRunning, running);
          batches.push(events.map((event) => event.id));
          if (batches.length === 1) await busy.promise;
          running--;
        },
      },
    });
    const first = testEvent(type);
    const later = Array.from({ length: 10 }, () => testEvent(type));

    const publications = [publisher.publish(first)];
    await waitFor(() => batches.length === 1, 'the first batch');
    // One at a time, in turns of their own, while the first batch is being applied.
    for (const event of later) {
      publications.push(publisher.publish(event));
      await sleep(5);
    }
    await sleep(200);
    busy.open();
    await waitFor(() => batches.flat().length === 1 + later.length, 'every event');
    await Promise.all(publications);

    expect(batches).toEqual([[first.id], expect.arrayContaining(later.map((event) => event.id))]);
    expect(mostRunning).toBe(1);
  });

  it('applies the others of a batch and retries a poison event alone until it is dead-lettered', async () => {
    const type = uniqueType('transfer.posted');
    const consumer = await world.connect('billing');
    const deadLetters: DeadLetter[] = [];
    consumer.onDeadLetter((deadLetter) => deadLetters.push(deadLetter));
    const seen: CloudEvent[][] = [];
    const busy = gate();
    await consumer.subscribe(
      'reports',
      {
        [type]: {
          handle: async (events, deliveries) => {
            if (seen.length === 0) {
              seen.push([]);
              await busy.promise;
            }
            await applyingHandler({ seen }).handle(events, deliveries);
          },
        },
      },
      { maxDeliveries: 3, backoffMs: [20, 40] },
    );
    // The first event holds the consumer, so that the others arrive as one batch.
    const first = testEvent(type);
    const poison = testEvent(type, { poison: true });
    const others = Array.from({ length: 8 }, () => testEvent(type));
    const events = [first, ...others.slice(0, 4), poison, ...others.slice(4)];

    const publications = [publisher.publish(first)];
    await waitFor(() => seen.length > 0, 'the first delivery');
    publications.push(...events.slice(1).map((event) => publisher.publish(event)));
    await sleep(200);
    busy.open();
    await waitFor(() => deadLetters.length === 1, 'the dead letter', 15_000);
    await Promise.all(publications);
    await sleep(world.redeliveryWindowMs);

    expect(await effectCounts(events)).toEqual(events.map((event) => (event === poison ? 0 : 1)));
    expect(deadLetters).toEqual([
      { consumer: 'reports', event: poison, attempts: 3, error: 'the event breaks its contract' },
    ]);
    // The poison event failed its batch, then ran alone on every attempt.
    const poisonBatches = seen.filter((batch) => batch.some((event) => event.id === poison.id));
    expect(poisonBatches.some((batch) => batch.length > 1)).toBe(true);
    expect(poisonBatches.filter((batch) => batch.length === 1)).toHaveLength(3);
  });

  it('redelivers the batch a crashed consumer applied but never acknowledged, and applies nothing twice', async () => {
    const type = uniqueType('transfer.posted');
    const crashing = await world.connect('billing', { closeTimeoutMs: 50 });
    const stuck = gate();
    const applied: CloudEvent[][] = [];
    await crashing.subscribe('reports', {
      [type]: {
        handle: async (events, deliveries) => {
          // Its transaction commits; the process dies before it acknowledges.
          await applyingHandler().handle(events, deliveries);
          applied.push([...events]);
          await stuck.promise;
        },
      },
    });
    const events = Array.from({ length: 10 }, () => testEvent(type));

    const publications = events.map((event) => publisher.publish(event));
    // One batch at a time: the first one applied holds the consumer, so the others wait unacknowledged.
    await waitFor(() => applied.length > 0, 'a first batch');
    const crashed = new Set(applied.flat().map((event) => event.id));
    await crashing.close();
    const replacement = await world.connect('billing');
    const redelivered: { id: string; attempt: number }[] = [];
    const handler = applyingHandler();
    await replacement.subscribe('reports', {
      [type]: {
        handle: async (batch, deliveries) => {
          redelivered.push(
            ...batch.map((event, index) => ({ id: event.id, attempt: deliveries[index]!.attempt })),
          );
          await handler.handle(batch, deliveries);
        },
      },
    });
    const reached = () => new Set(redelivered.map(({ id }) => id)).size;
    await waitFor(() => reached() === events.length, 'every event at the replacement', 15_000);
    await Promise.all(publications);
    stuck.open();
    await sleep(world.redeliveryWindowMs);

    expect(reached()).toBe(events.length);
    // The applied batch comes again, as a redelivery; the inbox keeps its effects single.
    const again = redelivered.filter(({ id }) => crashed.has(id));
    expect(new Set(again.map(({ id }) => id))).toEqual(crashed);
    expect(again.every(({ attempt }) => attempt >= 2)).toBe(true);
    expect(await effectCounts(events)).toEqual(events.map(() => 1));
  });

  it('keeps single-event handlers of the same consumer working beside a batch handler', async () => {
    const batchedType = uniqueType('transfer.posted');
    const singleType = uniqueType('payment.captured');
    const consumer = await world.connect('billing');
    const batched: string[] = [];
    const single: string[] = [];
    await consumer.subscribe('reports', {
      [batchedType]: { handle: async (events) => void batched.push(...events.map((event) => event.id)) },
      [singleType]: async (event) => void single.push(event.id),
    });
    const events = [testEvent(batchedType), testEvent(singleType), testEvent(batchedType)];

    await Promise.all(events.map((event) => publisher.publish(event)));
    await waitFor(() => batched.length + single.length === 3, 'every event');

    expect(batched.sort()).toEqual([events[0]!.id, events[2]!.id].sort());
    expect(single).toEqual([events[1]!.id]);
  });

  it('carries the events published to one type in one turn as one message, each applied once', async () => {
    const type = uniqueType('transfer.posted');
    const consumer = await world.connect('billing');
    const seen: CloudEvent[][] = [];
    await consumer.subscribe('reports', { [type]: applyingHandler({ seen }) });
    const events = Array.from({ length: 30 }, () => testEvent(type));

    await Promise.all(events.map((event) => publisher.publish(event)));
    await waitFor(() => seen.flat().length >= events.length, 'every event');
    // The same group published again is a copy: nothing is applied twice.
    await Promise.all(events.map((event) => publisher.publish(structuredClone(event))));
    await sleep(world.redeliveryWindowMs);

    expect(await effectCounts(events)).toEqual(events.map(() => 1));
    if (world.deliveredByConsumer) {
      // One message for the turn's thirty events; its copy was dropped by the broker.
      expect(await world.deliveredByConsumer()).toEqual({ [`reports--${type.replaceAll('.', '_')}`]: 1 });
    }
  });

  it('dead-letters only the poison event of a message that carries several, and applies the others once', async () => {
    const type = uniqueType('payment.captured');
    const consumer = await world.connect('billing');
    const deadLetters: DeadLetter[] = [];
    consumer.onDeadLetter((deadLetter) => deadLetters.push(deadLetter));
    const attempts = new Map<string, number[]>();
    const applying = applyingHandler();
    await consumer.subscribe(
      'reports',
      {
        // A handler of single events: the events of one message are handled one after another.
        [type]: async (event, delivery) => {
          attempts.set(event.id, [...(attempts.get(event.id) ?? []), delivery.attempt]);
          await applying.handle([event], [delivery]);
        },
      },
      { maxDeliveries: 3, backoffMs: [20, 40] },
    );
    const poison = testEvent(type, { poison: true });
    const events = [testEvent(type), poison, testEvent(type)];

    await Promise.all(events.map((event) => publisher.publish(event)));
    await waitFor(() => deadLetters.length === 1, 'the dead letter', 15_000);
    await sleep(world.redeliveryWindowMs);

    expect(await effectCounts(events)).toEqual([1, 0, 1]);
    expect(deadLetters).toEqual([
      { consumer: 'reports', event: poison, attempts: 3, error: 'the event breaks its contract' },
    ]);
    expect(attempts.get(poison.id)).toEqual([1, 2, 3]);
  });

  it('refuses a batch size below 1', async () => {
    const consumer = await world.connect('billing');
    await expect(
      consumer.subscribe('reports', {
        [uniqueType('transfer.posted')]: { maxBatchSize: 0, handle: async () => {} },
      }),
    ).rejects.toThrow(/maxBatchSize/);
  });

  it('refuses a batch wait below 0 ms or above a minute', async () => {
    const consumer = await world.connect('billing');
    for (const maxWaitMs of [-1, 1.5, 60_001]) {
      await expect(
        consumer.subscribe('reports', {
          [uniqueType('transfer.posted')]: { maxWaitMs, handle: async () => {} },
        }),
      ).rejects.toThrow(/maxWaitMs/);
    }
  });

  it('lets a batch gather events that arrive apart for its wait on a networked bus, each event once', async () => {
    const type = uniqueType('transfer.posted');
    const consumer = await world.connect('billing');
    const batches: string[][] = [];
    await consumer.subscribe('reports', {
      [type]: {
        maxWaitMs: 1_000,
        handle: async (events) => {
          batches.push(events.map((event) => event.id));
        },
      },
    });
    const events = Array.from({ length: 5 }, () => testEvent(type));

    // Apart, but well within the wait (which the NATS bus keeps within a quarter of its ack wait).
    for (const event of events) {
      await publisher.publish(event);
      await sleep(20);
    }
    await waitFor(() => batches.flat().length >= events.length, 'every event');
    await sleep(world.redeliveryWindowMs);

    expect(batches.flat().sort()).toEqual(events.map((event) => event.id).sort());
    // The in-process bus, whose deliveries cost nothing, starts each batch at once.
    if (transport.name === 'in-process') expect(batches.length).toBeGreaterThan(1);
    else expect(batches).toHaveLength(1);
  });
});

describe('applyBatchOnce', () => {
  let database: TestDatabase<Schema>;

  beforeAll(async () => {
    database = await createTestDatabase<Schema>([messagingMigration, effectsMigration]);
  });

  afterAll(async () => {
    await database.destroy();
  });

  async function applyEffects(events: readonly CloudEvent[]): Promise<string[]> {
    let fresh: string[] = [];
    await applyBatchOnce(
      database.db,
      'reports',
      events.map((event) => ({ event })),
      async (trx, items) => {
        fresh = items.map(({ event }) => event.id);
        await trx
          .insertInto('effects')
          .values(items.map(({ event }) => ({ event_id: event.id })))
          .execute();
      },
    );
    return fresh;
  }

  it('applies an event that comes twice in one batch once, and one applied in an earlier batch not again', async () => {
    const type = uniqueType('transfer.posted');
    const [first, second, third] = [testEvent(type), testEvent(type), testEvent(type)];

    expect(await applyEffects([first, second, first])).toEqual([first.id, second.id]);
    expect(await applyEffects([second, third, third])).toEqual([third.id]);
    expect(await applyEffects([first, second, third])).toEqual([]);

    const rows = await database.db
      .selectFrom('effects')
      .select('event_id')
      .where('event_id', 'in', [first.id, second.id, third.id])
      .execute();
    expect(rows.map((row) => row.event_id).sort()).toEqual([first.id, second.id, third.id].sort());
  });

  it('leaves no inbox row when the effect fails, so the batch can be applied again', async () => {
    const event = testEvent(uniqueType('transfer.posted'));
    await expect(
      applyBatchOnce(database.db, 'reports', [{ event }], async () => {
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');

    expect(await applyEffects([event])).toEqual([event.id]);
  });
});
