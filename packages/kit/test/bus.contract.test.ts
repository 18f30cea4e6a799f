import { metricValue } from '@moneypal/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, CloudEvent, DeadLetter, MessageContext } from '../src/bus/types.js';
import { AppError } from '../src/errors.js';
import { ServiceMetrics } from '../src/observability/metrics.js';
import {
  availableTransports,
  type BusWorld,
  gate,
  sleep,
  testEvent,
  uniqueType,
  waitFor,
} from './support.js';

/**
 * The semantics every Bus implementation must have (ARCHITECTURE.md §3). The same suite
 * runs against each transport available in this environment.
 */
describe.each(availableTransports())('the $name bus', (transport) => {
  let world: BusWorld;

  beforeEach(async () => {
    world = await transport.open();
  });

  afterEach(async () => {
    await world.close();
  });

  describe('request/reply', () => {
    it('returns the handler result and carries the request id and trace to the handler', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      const seen: MessageContext[] = [];
      await server.handle('ledger.balance.get', async (payload, context) => {
        seen.push(context);
        return { echoed: payload, balanceMinor: 1050 };
      });

      const reply = await client.request(
        'ledger.balance.get',
        { walletId: 'w-1' },
        { requestId: 'request-42', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      );

      expect(reply).toEqual({ echoed: { walletId: 'w-1' }, balanceMinor: 1050 });
      // The same trace, in a span of the handler's own (a child of the caller's).
      expect(seen).toEqual([
        {
          requestId: 'request-42',
          traceparent: expect.stringMatching(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/),
        },
      ]);
      expect(seen[0]!.traceparent).not.toContain('b7ad6b7169203331');
    });

    it('gives the handler a fresh request id when the caller sends none', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      const seen: MessageContext[] = [];
      await server.handle('ledger.ping', async (_payload, context) => {
        seen.push(context);
        return null;
      });

      await expect(client.request('ledger.ping', undefined)).resolves.toBeNull();

      expect(seen[0]?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it("carries an AppError's code, message and details to the caller", async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      await server.handle('ledger.transfer.create', async () => {
        throw new AppError('insufficient_funds', 'the wallet lacks 5.00 USD', { shortMinor: 500 });
      });

      const failure = await client.request('ledger.transfer.create', {}).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).toJSON()).toEqual({
        code: 'insufficient_funds',
        message: 'the wallet lacks 5.00 USD',
        details: { shortMinor: 500 },
      });
    });

    it('turns an unexpected handler error into a bare internal error without its message', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      await server.handle('ledger.broken', async () => {
        throw new Error('connection string postgres://secret@db leaked');
      });

      const failure = await client.request('ledger.broken', {}).catch((error: unknown) => error);

      expect((failure as AppError).toJSON()).toEqual({ code: 'internal', message: 'internal error' });
    });

    it('answers unavailable when the handler cannot reach its database, so the caller may retry', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      await server.handle('ledger.database-down', async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      });
      await server.handle('ledger.database-gone', async () => {
        throw new Error('Connection terminated unexpectedly');
      });
      // A transaction's rollback on a connection the server had just dropped.
      await server.handle('ledger.database-broke', async () => {
        throw new Error('Client has encountered a connection error and is not queryable');
      });

      for (const subject of ['ledger.database-down', 'ledger.database-gone', 'ledger.database-broke']) {
        const failure = await client.request(subject, {}).catch((error: unknown) => error);
        expect((failure as AppError).toJSON()).toEqual({
          code: 'unavailable',
          message: 'the service cannot reach its database',
        });
      }
    });

    it('turns a reply that cannot become JSON into an internal error', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      await server.handle('ledger.bigint', async () => ({ amountMinor: 10n }));

      const failure = await client.request('ledger.bigint', {}).catch((error: unknown) => error);

      expect((failure as AppError).code).toBe('internal');
    });

    it('answers unavailable when no service handles the subject', async () => {
      const client = await world.connect('gateway');

      const failure = await client
        .request('nobody.listens', {}, { timeoutMs: 2_000 })
        .catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('unavailable');
    });

    it('answers unavailable when the handler does not reply in time', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      const release = gate();
      await server.handle('ledger.slow', async () => {
        await release.promise;
        return 'too late';
      });

      const startedMs = Date.now();
      const failure = await client
        .request('ledger.slow', {}, { timeoutMs: 200 })
        .catch((error: unknown) => error);
      release.open();

      expect((failure as AppError).code).toBe('unavailable');
      expect(Date.now() - startedMs).toBeGreaterThanOrEqual(190);
    });

    it('spreads requests over every connection of the same service', async () => {
      const first = await world.connect('ledger');
      const second = await world.connect('ledger');
      const client = await world.connect('gateway');
      const served = { first: 0, second: 0 };
      await first.handle('ledger.balance.get', async () => {
        served.first += 1;
        return 'first';
      });
      await second.handle('ledger.balance.get', async () => {
        served.second += 1;
        return 'second';
      });

      for (let index = 0; index < 40; index++) await client.request('ledger.balance.get', {});

      expect(served.first + served.second).toBe(40);
      expect(served.first).toBeGreaterThan(0);
      expect(served.second).toBeGreaterThan(0);
    });
  });

  describe('coalesced requests', () => {
    it('carries the requests made to one subject in one turn as one message, and answers each with its own reply', async () => {
      const metrics = new ServiceMetrics('ledger');
      const server = await world.connect('ledger', { metrics });
      const client = await world.connect('gateway');
      const seen: number[] = [];
      const release = gate();
      await server.handle('ledger.transfer.create', async (payload) => {
        const { n } = payload as { n: number };
        seen.push(n);
        await release.promise;
        return { n, doubled: n * 2 };
      });

      const replies = Promise.all(
        Array.from({ length: 50 }, (_, n) => client.request('ledger.transfer.create', { n })),
      );
      // The handler is handed every item before any of them is answered.
      await waitFor(() => seen.length === 50, 'every item at the handler');
      release.open();

      expect(await replies).toEqual(Array.from({ length: 50 }, (_, n) => ({ n, doubled: n * 2 })));
      const served = await metrics.metrics();
      const subject = 'ledger.transfer.create';
      expect(metricValue(served, 'bus_request_messages_total', { subject })).toBe(1);
      expect(metricValue(served, 'bus_requests_total', { subject, outcome: 'ok' })).toBe(50);
    });

    it('sends requests made in different turns as messages of their own', async () => {
      const metrics = new ServiceMetrics('ledger');
      const server = await world.connect('ledger', { metrics });
      const client = await world.connect('gateway');
      await server.handle('ledger.balance.get', async (payload) => payload);

      for (let n = 0; n < 3; n++) expect(await client.request('ledger.balance.get', { n })).toEqual({ n });

      const served = await metrics.metrics();
      expect(metricValue(served, 'bus_request_messages_total', { subject: 'ledger.balance.get' })).toBe(3);
    });

    it('starts another message when the requests or answers of one turn would pass the size bound', async () => {
      const metrics = new ServiceMetrics('ledger');
      const server = await world.connect('ledger', { metrics });
      const client = await world.connect('gateway');
      await server.handle('ledger.transfer.batch', async (payload) => ({
        length: (payload as { pad: string }).pad.length,
      }));
      await server.handle('ledger.history.list', async (payload) =>
        'x'.repeat((payload as { size: number }).size),
      );

      // Six requests of 100 kB: two fit under the bound, so three messages.
      const pad = 'x'.repeat(100_000);
      const lengths = await Promise.all(
        Array.from({ length: 6 }, () => client.request('ledger.transfer.batch', { pad })),
      );
      expect(lengths).toEqual(Array.from({ length: 6 }, () => ({ length: 100_000 })));
      // Eight small requests whose answers add up to 1.6 MB, past NATS's payload limit in one part.
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => client.request('ledger.history.list', { size: 200_000 })),
      );
      expect(answers.map((answer) => (answer as string).length)).toEqual(
        Array.from({ length: 8 }, () => 200_000),
      );

      const served = await metrics.metrics();
      expect(metricValue(served, 'bus_request_messages_total', { subject: 'ledger.transfer.batch' })).toBe(3);
      expect(metricValue(served, 'bus_request_messages_total', { subject: 'ledger.history.list' })).toBe(1);
    });

    it('answers each coalesced request with its own error, without failing its neighbours', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      await server.handle('ledger.transfer.create', async (payload) => {
        const { n } = payload as { n: number };
        if (n === 1)
          throw new AppError('insufficient_funds', 'the wallet lacks 1.00 USD', { shortMinor: 100 });
        if (n === 2) throw new Error('a bug');
        if (n === 3) return { amountMinor: 10n };
        return { n };
      });

      const outcomes = await Promise.all(
        Array.from({ length: 6 }, (_, n) =>
          client.request('ledger.transfer.create', { n }).then(
            (reply) => ({ reply }),
            (error: unknown) => ({ error: (error as AppError).toJSON() }),
          ),
        ),
      );

      expect(outcomes).toEqual([
        { reply: { n: 0 } },
        {
          error: {
            code: 'insufficient_funds',
            message: 'the wallet lacks 1.00 USD',
            details: { shortMinor: 100 },
          },
        },
        { error: { code: 'internal', message: 'internal error' } },
        { error: { code: 'internal', message: 'internal error' } },
        { reply: { n: 4 } },
        { reply: { n: 5 } },
      ]);
    });

    it('times out a coalesced request whose handler is slow, while its neighbours are answered at once', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      const release = gate();
      await server.handle('ledger.transfer.create', async (payload) => {
        const { n } = payload as { n: number };
        if (n === 0) await release.promise;
        return { n };
      });

      const startedMs = Date.now();
      const slow = client
        .request('ledger.transfer.create', { n: 0 }, { timeoutMs: 300 })
        .catch((error: unknown) => error);
      const quick = Promise.all(
        [1, 2, 3].map((n) => client.request('ledger.transfer.create', { n }, { timeoutMs: 5_000 })),
      );

      expect(await quick).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
      expect(Date.now() - startedMs).toBeLessThan(250);
      const failure = await slow;
      release.open();
      expect((failure as AppError).code).toBe('unavailable');
      expect(Date.now() - startedMs).toBeGreaterThanOrEqual(290);
    });

    it('carries each coalesced request with its own request id and trace', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      const seen = new Map<number, MessageContext>();
      await server.handle('ledger.transfer.create', async (payload, context) => {
        seen.set((payload as { n: number }).n, context);
        return null;
      });
      const traceIdOf = (n: number) => n.toString(16).padStart(32, 'a');

      await Promise.all(
        [1, 2, 3].map((n) =>
          client.request(
            'ledger.transfer.create',
            { n },
            { requestId: `request-${n}`, traceparent: `00-${traceIdOf(n)}-b7ad6b7169203331-01` },
          ),
        ),
      );
      await client.request('ledger.transfer.create', { n: 4 });

      for (const n of [1, 2, 3]) {
        expect(seen.get(n)).toEqual({
          requestId: `request-${n}`,
          traceparent: expect.stringMatching(new RegExp(`^00-${traceIdOf(n)}-[0-9a-f]{16}-01$`)),
        });
      }
      expect(seen.get(4)?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('fails only the request whose payload cannot become JSON', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      await server.handle('ledger.transfer.create', async (payload) => payload);

      const [bad, good] = await Promise.allSettled([
        client.request('ledger.transfer.create', { amountMinor: 10n }),
        client.request('ledger.transfer.create', { amountMinor: 10 }),
      ]);

      expect(bad.status).toBe('rejected');
      expect(good).toEqual({ status: 'fulfilled', value: { amountMinor: 10 } });
    });

    it('answers unavailable to every coalesced request when no service handles the subject', async () => {
      const client = await world.connect('gateway');

      const failures = await Promise.all(
        [1, 2, 3].map((n) =>
          client.request('nobody.listens', { n }, { timeoutMs: 2_000 }).catch((error: unknown) => error),
        ),
      );

      expect(failures.map((failure) => (failure as AppError).code)).toEqual([
        'unavailable',
        'unavailable',
        'unavailable',
      ]);
    });
  });

  describe('events', () => {
    const fastRetries = { maxDeliveries: 3, backoffMs: [20, 40] };

    it('delivers each event once to each consumer group, and to every group', async () => {
      const type = uniqueType('wallet.created');
      const billingOne = await world.connect('billing');
      const billingTwo = await world.connect('billing');
      const notifications = await world.connect('notifications');
      const publisher = await world.connect('ledger');
      const billingSeen: string[] = [];
      const notificationsSeen: string[] = [];
      const recordBilling = async (event: CloudEvent) => void billingSeen.push(event.id);
      await billingOne.subscribe('billing', { [type]: recordBilling });
      await billingTwo.subscribe('billing', { [type]: recordBilling });
      await notifications.subscribe('notifications', {
        [type]: async (event) => void notificationsSeen.push(event.id),
      });
      const events = Array.from({ length: 6 }, (_, index) => testEvent(type, { index }));

      await Promise.all(events.map((event) => publisher.publish(event)));
      await waitFor(
        () => billingSeen.length >= 6 && notificationsSeen.length >= 6,
        'both groups to see every event',
      );
      await sleep(world.redeliveryWindowMs);

      const ids = events.map((event) => event.id).sort();
      expect([...billingSeen].sort()).toEqual(ids);
      expect([...notificationsSeen].sort()).toEqual(ids);
    });

    if (transport.name === 'nats') {
      it('hands a consumer only the event types it handles, through one durable consumer per type', async () => {
        const handled = uniqueType('transfer.posted');
        const other = uniqueType('message.sent');
        const billing = await world.connect('billing');
        const publisher = await world.connect('ledger');
        const seen: string[] = [];
        await billing.subscribe('billing', { [handled]: async (event) => void seen.push(event.id) });
        for (let index = 0; index < 20; index += 1) await publisher.publish(testEvent(other, { index }));
        const wanted = testEvent(handled, {});
        await publisher.publish(wanted);
        await waitFor(() => seen.length === 1, 'the handled event');

        expect(seen).toEqual([wanted.id]);
        expect(await world.deliveredByConsumer!()).toEqual({
          [`billing--${handled.replaceAll('.', '_')}`]: 1,
        });
      });
    }

    it('hands the event and its request context to the handler', async () => {
      const type = uniqueType('user.created');
      const consumer = await world.connect('notifications');
      const publisher = await world.connect('identity');
      const received: { event: CloudEvent; context: MessageContext; attempt: number }[] = [];
      await consumer.subscribe('notifications', {
        [type]: async (event, delivery) => void received.push({ event, ...delivery }),
      });
      const event = {
        ...testEvent(type, { userId: 'u-1' }),
        requestid: 'request-7',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      };

      await publisher.publish(event);
      await waitFor(() => received.length === 1, 'the event');

      expect(received[0]!.event).toEqual(event);
      // The trace of the request that caused the event, in a span of the handler's own.
      expect(received[0]!.context).toEqual({
        requestId: 'request-7',
        traceparent: expect.stringMatching(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/),
      });
      expect(received[0]!.context.traceparent).not.toContain('00f067aa0ba902b7');
      expect(received[0]!.attempt).toBe(1);
    });

    it('delivers events published before the consumer subscribed for the first time', async () => {
      const type = uniqueType('user.created');
      const publisher = await world.connect('identity');
      const consumer = await world.connect('notifications');
      const event = testEvent(type);
      await publisher.publish(event);

      const seen: string[] = [];
      await consumer.subscribe('late', { [type]: async (received) => void seen.push(received.id) });

      await waitFor(() => seen.length === 1, 'the earlier event');
      expect(seen).toEqual([event.id]);
    });

    it('redelivers an event whose handler failed, with a growing attempt number', async () => {
      const type = uniqueType('payment.captured');
      const consumer = await world.connect('billing');
      const publisher = await world.connect('payments');
      const attempts: number[] = [];
      await consumer.subscribe(
        'billing',
        {
          [type]: async (_event, delivery) => {
            attempts.push(delivery.attempt);
            if (delivery.attempt < 3) throw new Error('the ledger is busy');
          },
        },
        { maxDeliveries: 5, backoffMs: [20, 40] },
      );

      const publication = publisher.publish(testEvent(type));
      await waitFor(() => attempts.length === 3, 'three attempts');
      await publication;
      await sleep(world.redeliveryWindowMs);

      expect(attempts).toEqual([1, 2, 3]);
    });

    it('redelivers to a new connection an event that a crashed consumer took but never settled', async () => {
      const type = uniqueType('payment.captured');
      const publisher = await world.connect('payments');
      const crashing = await world.connect('billing', { closeTimeoutMs: 50 });
      const stuck = gate();
      const firstAttempts: number[] = [];
      await crashing.subscribe('billing', {
        [type]: async (_event, delivery) => {
          firstAttempts.push(delivery.attempt);
          await stuck.promise;
        },
      });
      const event = testEvent(type);

      const publication = publisher.publish(event);
      await waitFor(() => firstAttempts.length === 1, 'the first delivery');
      await crashing.close();
      const replacement = await world.connect('billing');
      const secondAttempts: { id: string; attempt: number }[] = [];
      await replacement.subscribe('billing', {
        [type]: async (received, delivery) =>
          void secondAttempts.push({ id: received.id, attempt: delivery.attempt }),
      });
      await waitFor(() => secondAttempts.length === 1, 'the redelivery', 15_000);
      await publication;
      stuck.open();
      await sleep(world.redeliveryWindowMs);

      expect(firstAttempts).toEqual([1]);
      expect(secondAttempts).toEqual([{ id: event.id, attempt: 2 }]);
    });

    it('delivers an event published twice with the same id only once', async () => {
      const type = uniqueType('invoice.issued');
      const consumer = await world.connect('notifications');
      const publisher = await world.connect('billing');
      const seen: string[] = [];
      await consumer.subscribe('notifications', { [type]: async (event) => void seen.push(event.id) });
      const event = testEvent(type);

      await publisher.publish(event);
      await publisher.publish(structuredClone(event));
      await waitFor(() => seen.length >= 1, 'the event');
      await sleep(world.redeliveryWindowMs);

      expect(seen).toEqual([event.id]);
    });

    it('dead-letters an event after its last failed delivery and stops delivering it', async () => {
      const type = uniqueType('payment.captured');
      const consumer = await world.connect('billing');
      const publisher = await world.connect('payments');
      const deadLetters: DeadLetter[] = [];
      consumer.onDeadLetter((deadLetter) => deadLetters.push(deadLetter));
      let calls = 0;
      await consumer.subscribe(
        'billing',
        {
          [type]: async () => {
            calls += 1;
            throw new Error('the payer does not exist');
          },
        },
        fastRetries,
      );
      const event = testEvent(type);

      const publication = publisher.publish(event);
      await waitFor(() => deadLetters.length === 1, 'the dead letter');
      await publication;
      await sleep(world.redeliveryWindowMs);

      expect(calls).toBe(3);
      expect(deadLetters).toEqual([
        { consumer: 'billing', event, attempts: 3, error: 'the payer does not exist' },
      ]);
    });

    it('acknowledges events of types the consumer has no handler for, without delivering them again', async () => {
      const handledType = uniqueType('handled');
      const otherType = uniqueType('other');
      const consumer = await world.connect('billing');
      const publisher = await world.connect('payments');
      const seen: string[] = [];
      await consumer.subscribe('billing', { [handledType]: async (event) => void seen.push(event.type) });

      await publisher.publish(testEvent(otherType));
      await publisher.publish(testEvent(handledType));
      await waitFor(() => seen.length === 1, 'the handled event');
      await sleep(world.redeliveryWindowMs);

      expect(seen).toEqual([handledType]);
    });

    it('refuses a consumer name that cannot be a durable name', async () => {
      const consumer = await world.connect('billing');

      await expect(consumer.subscribe('billing.payments', {})).rejects.toThrow(/invalid consumer name/);
    });
  });
});

/** Only a network transport can receive bytes that are not an event. */
const rawTransports = availableTransports().filter((transport) => transport.name !== 'in-process');
for (const transport of rawTransports) {
  describe(`the ${transport.name} bus: what only a network transport meets`, () => {
    let world: BusWorld;
    let consumer: Bus;

    beforeEach(async () => {
      world = await transport.open();
      consumer = await world.connect('billing');
    });

    afterEach(async () => {
      await world.close();
    });

    it('brings an existing stream up to date when a bus connects with another configuration', async () => {
      expect(await world.eventStreamDuplicateWindowMs!()).toBe(120_000);

      await world.connect('billing', { duplicateWindowMs: 5_000 });

      expect(await world.eventStreamDuplicateWindowMs!()).toBe(5_000);
    });

    it("refuses an event the stream will not store, with JetStream's reason, and delivers nothing", async () => {
      const type = uniqueType('payment.captured');
      const seen: string[] = [];
      await consumer.subscribe('billing', { [type]: async (event) => void seen.push(event.id) });
      const publisher = await world.connect('payments');
      await world.limitEventSize!(1_024);

      const failure = await publisher
        .publish(testEvent(type, { note: 'x'.repeat(2_048) }))
        .catch((error: unknown) => error);
      const small = testEvent(type);
      await publisher.publish(small);
      await waitFor(() => seen.length === 1, 'the small event');

      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe('unavailable');
      expect((failure as AppError).message).toMatch(/was not stored: JetStream refused it: .*size/i);
      expect(seen).toEqual([small.id]);
    });

    it('fails a request still waiting for its reply as soon as its bus closes', async () => {
      const server = await world.connect('ledger');
      const client = await world.connect('gateway');
      const release = gate();
      await server.handle('ledger.slow', async () => {
        await release.promise;
        return 'too late';
      });

      const startedMs = Date.now();
      const waiting = client
        .request('ledger.slow', {}, { timeoutMs: 30_000 })
        .catch((error: unknown) => error);
      await sleep(50);
      await client.close();
      const failure = await waiting;
      release.open();

      expect((failure as AppError).code).toBe('unavailable');
      expect(Date.now() - startedMs).toBeLessThan(5_000);
    });

    it('dead-letters messages that are not events and keeps consuming', async () => {
      const type = uniqueType('payment.captured');
      const deadLetters: DeadLetter[] = [];
      consumer.onDeadLetter((deadLetter) => deadLetters.push(deadLetter));
      const seen: string[] = [];
      await consumer.subscribe('billing', { [type]: async (event) => void seen.push(event.id) });
      const publisher = await world.connect('payments');

      await world.publishRaw!(type, 'not json at all');
      await world.publishRaw!(type, JSON.stringify({ hello: 'world' }));
      const event = testEvent(type);
      await publisher.publish(event);
      await waitFor(() => deadLetters.length === 2 && seen.length === 1, 'two dead letters and the event');

      expect(seen).toEqual([event.id]);
      expect(deadLetters.map((deadLetter) => [deadLetter.event, deadLetter.body])).toEqual([
        [null, 'not json at all'],
        [null, '{"hello":"world"}'],
      ]);
    });
  });
}
