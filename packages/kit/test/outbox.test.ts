import { createTestDatabase, StatementRecorder, type TestDatabase } from '@moneypal/testing';
import { type Generated, type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, CloudEvent } from '../src/bus/types.js';
import { applyOnce, claimEvents } from '../src/messaging/inbox.js';
import { enqueueEvent, enqueueEvents, OutboxRelay } from '../src/messaging/outbox.js';
import { type MessagingTables, messagingMigration } from '../src/messaging/tables.js';
import {
  availableTransports,
  type BusWorld,
  gate,
  silentLogger,
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
 * A bus whose process dies right after the broker took an event: `publish` never
 * returns, so the relay that called it never marks the event sent.
 */
function dyingAfterPublish(bus: Bus): Bus {
  return {
    service: bus.service,
    request: (subject, payload, options) => bus.request(subject, payload, options),
    handle: (subject, handler) => bus.handle(subject, handler),
    publish: async (event) => {
      await bus.publish(event);
      await new Promise<never>(() => {});
    },
    subscribe: (consumer, handlers, options) => bus.subscribe(consumer, handlers, options),
    onDeadLetter: (listener) => bus.onDeadLetter(listener),
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}

describe.each(availableTransports())('the outbox and inbox over the $name bus', (transport) => {
  let database: TestDatabase<Schema>;
  let db: Kysely<Schema>;
  let world: BusWorld;
  let publisher: Bus;
  let type: string;
  let handled: string[];
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    database = await createTestDatabase<Schema>([messagingMigration, effectsMigration]);
    db = database.db;
  });

  afterAll(async () => {
    await database.destroy();
  });

  beforeEach(async () => {
    world = await transport.open();
    publisher = await world.connect('payments');
    const consumer = await world.connect('billing');
    type = uniqueType('payment.captured');
    handled = [];
    await consumer.subscribe('billing', {
      [type]: async (event) => {
        handled.push(event.id);
        await applyOnce(db, 'billing', event, async (trx) => {
          await trx.insertInto('effects').values({ event_id: event.id }).execute();
        });
      },
    });
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await world.close();
  });

  function startRelay(bus: Bus, leaseMs = 15_000): OutboxRelay {
    const relay = new OutboxRelay({ db, bus, logger: silentLogger, pollIntervalMs: 20, leaseMs });
    relays.push(relay);
    relay.start();
    return relay;
  }

  async function effectsOf(eventId: string): Promise<number> {
    const row = await db
      .selectFrom('effects')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async function sentAtOf(eventId: string): Promise<Date | null | undefined> {
    const row = await db.selectFrom('outbox').select('sent_at').where('id', '=', eventId).executeTakeFirst();
    return row?.sent_at;
  }

  async function enqueueCommitted(event: CloudEvent): Promise<void> {
    await db.transaction().execute((trx) => enqueueEvent(trx, event));
  }

  it('publishes an event enqueued in a committed transaction and applies it once', async () => {
    const event = testEvent(type, { paymentId: 'p-1' });
    await enqueueCommitted(event);

    startRelay(publisher);
    await waitFor(async () => (await sentAtOf(event.id)) instanceof Date, 'the event to be marked sent');
    await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect');
    await sleep(world.redeliveryWindowMs);

    expect(await effectsOf(event.id)).toBe(1);
    const inbox = await db.selectFrom('inbox').selectAll().where('event_id', '=', event.id).execute();
    expect(inbox.map((row) => [row.consumer, row.event_type])).toEqual([['billing', type]]);
  });

  it('never publishes an event enqueued in a rolled-back transaction', async () => {
    const rolledBack = testEvent(type, { paymentId: 'rolled-back' });
    const committed = testEvent(type, { paymentId: 'committed' });
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueEvent(trx, rolledBack);
        throw new Error('the payment insert failed');
      }),
    ).rejects.toThrow('the payment insert failed');
    await enqueueCommitted(committed);

    const relay = startRelay(publisher);
    await waitFor(async () => (await effectsOf(committed.id)) === 1, 'the committed event');
    await relay.drain();
    await sleep(world.redeliveryWindowMs);

    expect(handled).not.toContain(rolledBack.id);
    expect(await effectsOf(rolledBack.id)).toBe(0);
    expect(await sentAtOf(rolledBack.id)).toBeUndefined();
  });

  it("publishes a batch's events together, awaiting their confirmations at once, and marks them sent in one statement", async () => {
    const events = Array.from({ length: 10 }, (_, index) => testEvent(type, { paymentId: `group-${index}` }));
    await db.transaction().execute((trx) => enqueueEvents(trx, events));
    const held = gate();
    let publishing = 0;
    const holding: Bus = {
      ...publisher,
      service: publisher.service,
      publish: async (event) => {
        publishing++;
        await held.promise;
        await publisher.publish(event);
      },
    };
    const statements = new StatementRecorder();
    const relay = new OutboxRelay({ db: db.withPlugin(statements), bus: holding, logger: silentLogger });

    const drained = relay.drain();
    // Every publication of the batch is under way before any is confirmed.
    await waitFor(() => publishing === events.length, 'the whole batch to be publishing');
    held.open();

    expect(await drained).toBe(events.length);
    expect(statements.matching(/^update "outbox" set "sent_at"/)).toHaveLength(1);
    const sent = await Promise.all(events.map((event) => sentAtOf(event.id)));
    expect(sent.every((at) => at instanceof Date)).toBe(true);
  });

  it('stops after the batch it is publishing, leaving the rest of a backlog for the next start', async () => {
    const events = Array.from({ length: 5 }, (_, index) =>
      testEvent(type, { paymentId: `backlog-${index}` }),
    );
    for (const event of events) await enqueueCommitted(event);
    const held = gate();
    let publishing = 0;
    const slow: Bus = {
      ...publisher,
      service: publisher.service,
      publish: async (event) => {
        publishing++;
        await held.promise;
        await publisher.publish(event);
      },
    };
    const relay = new OutboxRelay({ db, bus: slow, logger: silentLogger, batchSize: 2, pollIntervalMs: 20 });
    relay.start();
    await waitFor(async () => publishing === 2, 'the first batch to be publishing');
    const stopped = relay.stop();
    held.open();
    await stopped;

    const sent = await Promise.all(events.map((event) => sentAtOf(event.id)));
    expect(sent.filter((at) => at instanceof Date)).toHaveLength(2);
    expect(publishing).toBe(2);
    startRelay(publisher);
    await waitFor(
      async () =>
        (await Promise.all(events.map((event) => effectsOf(event.id)))).every((count) => count === 1),
      'the rest of the backlog after the next start',
    );
  });

  it('applies an event once when its relay died between publishing and marking it sent', async () => {
    const event = testEvent(type, { paymentId: 'p-crash' });
    await enqueueCommitted(event);
    const leaseMs = 300;

    // The dying relay is abandoned, not stopped: its process is gone.
    const dying = new OutboxRelay({ db, bus: dyingAfterPublish(publisher), logger: silentLogger, leaseMs });
    void dying.drain();
    await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect of the first publication');
    expect(await sentAtOf(event.id)).toBeNull();

    startRelay(publisher, leaseMs);
    await waitFor(
      async () => (await sentAtOf(event.id)) instanceof Date,
      'the next relay to publish it again',
    );
    await sleep(world.redeliveryWindowMs);

    expect(await effectsOf(event.id)).toBe(1);
    const inbox = await db.selectFrom('inbox').selectAll().where('event_id', '=', event.id).execute();
    expect(inbox).toHaveLength(1);
  });

  it('keeps events enqueued after a relay stopped and publishes them with the next relay', async () => {
    const stopped = startRelay(publisher);
    await stopped.stop();
    const events = [
      testEvent(type, { index: 1 }),
      testEvent(type, { index: 2 }),
      testEvent(type, { index: 3 }),
    ];
    for (const event of events) await enqueueCommitted(event);
    await sleep(100);

    const unsent = await db
      .selectFrom('outbox')
      .select('id')
      .where('sent_at', 'is', null)
      .where(
        'id',
        'in',
        events.map((event) => event.id),
      )
      .execute();
    expect(unsent).toHaveLength(3);
    expect(handled).toEqual([]);

    startRelay(publisher);
    await waitFor(async () => {
      const counts = await Promise.all(events.map((event) => effectsOf(event.id)));
      return counts.every((count) => count === 1);
    }, 'every event to be applied');
    await sleep(world.redeliveryWindowMs);

    for (const event of events) expect(await effectsOf(event.id)).toBe(1);
  });

  it('releases a batch whose publication failed, so the next pass publishes it', async () => {
    const event = testEvent(type, { paymentId: 'p-retry' });
    await enqueueCommitted(event);
    let failuresLeft = 1;
    const flaky: Bus = {
      ...dyingAfterPublish(publisher),
      publish: async (published) => {
        if (failuresLeft-- > 0) throw new Error('the broker is restarting');
        await publisher.publish(published);
      },
    };

    const relay = new OutboxRelay({ db, bus: flaky, logger: silentLogger });
    await expect(relay.drain()).rejects.toThrow('the broker is restarting');
    const claim = await db
      .selectFrom('outbox')
      .select('claimed_until')
      .where('id', '=', event.id)
      .executeTakeFirst();
    expect(claim?.claimed_until).toBeNull();
    await expect(relay.drain()).resolves.toBe(1);
    await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect');
  });

  it('claims a batch with a lease measured by the database clock', async () => {
    const event = testEvent(type);
    await enqueueCommitted(event);
    const claimed = await db
      .updateTable('outbox')
      .set({ claimed_until: sql<Date>`now() + interval '1 hour'` })
      .where('id', '=', event.id)
      .returning('id')
      .execute();
    expect(claimed).toHaveLength(1);

    const relay = new OutboxRelay({ db, bus: publisher, logger: silentLogger });
    // The event is under another relay's lease, so this relay leaves it alone.
    expect(await relay.drain()).toBe(0);
    await db
      .updateTable('outbox')
      .set({ claimed_until: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', event.id)
      .execute();
    expect(await relay.drain()).toBe(1);
  });

  it('publishes events written under its claim right after their commit, with no pass to find them', async () => {
    const relay = new OutboxRelay({ db, bus: publisher, logger: silentLogger, pollIntervalMs: 60_000 });
    relays.push(relay);
    relay.start();
    // The first pass finds nothing; the next would come only after a minute.
    await relay.drain();
    const events = [testEvent(type, { paymentId: 'claimed-1' }), testEvent(type, { paymentId: 'claimed-2' })];
    await db.transaction().execute((trx) => enqueueEvents(trx, events, relay));
    const claims = await db
      .selectFrom('outbox')
      .select(sql<boolean>`claimed_until > now()`.as('claimed'))
      .where(
        'id',
        'in',
        events.map((event) => event.id),
      )
      .execute();
    expect(claims).toEqual([{ claimed: true }, { claimed: true }]);
    // A pass leaves them alone: they are this writer's to publish.
    expect(await new OutboxRelay({ db, bus: publisher, logger: silentLogger }).drain()).toBe(0);

    relay.publishClaimed(events);
    for (const event of events) {
      await waitFor(async () => (await sentAtOf(event.id)) instanceof Date, 'the event to be marked sent');
      await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect');
    }
  });

  it('marks the events of several commits published after them sent in one statement, and keeps them claimed until then', async () => {
    const statements = new StatementRecorder();
    const relay = new OutboxRelay({
      db: db.withPlugin(statements),
      bus: publisher,
      logger: silentLogger,
      pollIntervalMs: 60_000,
      markDelayMs: 300,
    });
    relays.push(relay);
    relay.start();
    await relay.drain();
    const commits = [0, 1, 2].map((commit) => [
      testEvent(type, { paymentId: `marked-together-${commit}-a` }),
      testEvent(type, { paymentId: `marked-together-${commit}-b` }),
    ]);
    for (const events of commits) {
      await db.transaction().execute((trx) => enqueueEvents(trx, events, relay));
      relay.publishClaimed(events);
    }
    const events = commits.flat();
    for (const event of events) await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect');
    // Published, not yet marked: still claimed, so a pass of another relay leaves them alone.
    expect(await new OutboxRelay({ db, bus: publisher, logger: silentLogger }).drain()).toBe(0);
    for (const event of events) {
      await waitFor(async () => (await sentAtOf(event.id)) instanceof Date, 'the event to be marked sent');
    }
    expect(statements.matching(/^update "outbox" set "sent_at"/)).toHaveLength(1);
  });

  it('marks the events it published sent before it stops', async () => {
    const relay = new OutboxRelay({ db, bus: publisher, logger: silentLogger, markDelayMs: 60_000 });
    relay.start();
    await relay.drain();
    const event = testEvent(type, { paymentId: 'marked-at-stop' });
    await db.transaction().execute((trx) => enqueueEvents(trx, [event], relay));
    relay.publishClaimed([event]);
    await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect');
    await relay.stop();
    expect(await sentAtOf(event.id)).toBeInstanceOf(Date);
  });

  it('publishes claimed events whose writer died before publishing them, once the claim runs out', async () => {
    const leaseMs = 200;
    const event = testEvent(type, { paymentId: 'claimed-orphan' });
    await db.transaction().execute((trx) => enqueueEvents(trx, [event], { leaseMs }));
    const relay = new OutboxRelay({ db, bus: publisher, logger: silentLogger });
    expect(await relay.drain()).toBe(0);
    await sleep(leaseMs + 50);
    expect(await relay.drain()).toBe(1);
    await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect');
  });

  it('releases claimed events whose publication failed, and a pass publishes them', async () => {
    let failuresLeft = 1;
    const flaky: Bus = {
      ...publisher,
      service: publisher.service,
      publish: async (published) => {
        if (failuresLeft-- > 0) throw new Error('the broker is restarting');
        await publisher.publish(published);
      },
    };
    const relay = startRelay(flaky);
    const event = testEvent(type, { paymentId: 'claimed-retry' });
    await db.transaction().execute((trx) => enqueueEvents(trx, [event], relay));
    relay.publishClaimed([event]);
    await waitFor(async () => (await effectsOf(event.id)) === 1, 'the effect after the failed publication');
    expect(failuresLeft).toBe(-1);
    // The relay marks the event sent once the bus confirms it, a moment after the effect.
    await waitFor(async () => (await sentAtOf(event.id)) instanceof Date, 'the event marked sent');
  });
});

describe('claimEvents', () => {
  let database: TestDatabase<Schema>;

  beforeAll(async () => {
    database = await createTestDatabase<Schema>([messagingMigration, effectsMigration]);
  });

  afterAll(async () => {
    await database.destroy();
  });

  it('claims each new event once, in one statement, and none applied before or repeated in the list', async () => {
    const type = uniqueType('transfer.posted');
    const [applied, fresh, other] = [testEvent(type), testEvent(type), testEvent(type)];
    await applyOnce(database.db, 'reports', applied, async () => {});
    // The same id written as PostgreSQL may print it differently is the same event.
    const shouted = { ...fresh, id: fresh.id.toUpperCase() };
    const claimed = await database.db
      .transaction()
      .execute((trx) => claimEvents(trx, 'reports', [applied, fresh, other, shouted, fresh]));
    expect(claimed).toEqual([false, true, true, false, false]);
    const again = await database.db
      .transaction()
      .execute((trx) => claimEvents(trx, 'reports', [fresh, other]));
    expect(again).toEqual([false, false]);
    // Another consumer has an inbox of its own.
    const elsewhere = await database.db
      .transaction()
      .execute((trx) => claimEvents(trx, 'notifications', [applied, fresh]));
    expect(elsewhere).toEqual([true, true]);
  });

  it('claims nothing when the transaction that claimed rolls back', async () => {
    const event = testEvent(uniqueType('transfer.posted'));
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await claimEvents(trx, 'reports', [event])).toEqual([true]);
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');
    const claimed = await database.db.transaction().execute((trx) => claimEvents(trx, 'reports', [event]));
    expect(claimed).toEqual([true]);
  });

  it('answers an empty list without a statement', async () => {
    await expect(
      database.db.transaction().execute((trx) => claimEvents(trx, 'reports', [])),
    ).resolves.toEqual([]);
  });
});
