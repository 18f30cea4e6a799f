import { Writable } from 'node:stream';
import { createTestDatabase, metricValue, type TestDatabase, testDatabaseLabel } from '@moneypal/testing';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, CloudEvent, MessageContext } from '../src/bus/types.js';
import { AppError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { createEvent, enqueueEvent, OutboxRelay } from '../src/messaging/outbox.js';
import { type MessagingTables, messagingMigration } from '../src/messaging/tables.js';
import { ServiceMetrics } from '../src/observability/metrics.js';
import { startTracing, type Tracing } from '../src/observability/tracing.js';
import {
  availableTransports,
  type BusWorld,
  gate,
  silentLogger,
  testEvent,
  uniqueType,
  waitFor,
} from './support.js';

/** A span of a trace the caller started (W3C's example ids). */
const callerTraceId = '0af7651916cd43dd8448eb211c80319c';
const callerSpanId = 'b7ad6b7169203331';
const callerTraceparent = `00-${callerTraceId}-${callerSpanId}-01`;

const traceIdOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
const spanIdOf = (traceparent: string | undefined) => traceparent?.split('-')[2];

/** A logger whose JSON lines land in `lines`. */
function capturedLogger(service: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service, destination }) };
}

const spans = new InMemorySpanExporter();
let tracing: Tracing;
let database: TestDatabase<MessagingTables>;
let db: Kysely<MessagingTables>;

beforeAll(async () => {
  tracing = startTracing({ service: 'test', spanProcessors: [new SimpleSpanProcessor(spans)] });
  database = await createTestDatabase<MessagingTables>([messagingMigration]);
  db = database.db;
});

afterAll(async () => {
  await database?.destroy();
  await tracing?.shutdown();
});

describe.each(availableTransports())(`observability of the $name bus (${testDatabaseLabel})`, (transport) => {
  let world: BusWorld;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    world = await transport.open();
    spans.reset();
    await db.deleteFrom('outbox').execute();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await world.close();
  });

  function startRelay(bus: Bus, metrics?: ServiceMetrics): OutboxRelay {
    const relay = new OutboxRelay({
      db,
      bus,
      logger: silentLogger,
      pollIntervalMs: 20,
      ...(metrics ? { metrics } : {}),
    });
    relays.push(relay);
    relay.start();
    return relay;
  }

  it('counts and times every request served and made, by subject and outcome', async () => {
    const ledgerMetrics = new ServiceMetrics('ledger');
    const gatewayMetrics = new ServiceMetrics('gateway');
    const server = await world.connect('ledger', { metrics: ledgerMetrics });
    const client = await world.connect('gateway', { metrics: gatewayMetrics });
    const subject = `${uniqueType('ledger')}.transfer`;
    let calls = 0;
    await server.handle(subject, async () => {
      calls += 1;
      if (calls === 2) throw new AppError('insufficient_funds', 'short by 5.00 USD');
      if (calls === 3) throw new Error('a bug');
      return { ok: true };
    });

    await client.request(subject, {});
    await client.request(subject, {}).catch(() => undefined);
    await client.request(subject, {}).catch(() => undefined);
    await client.request(`${subject}.nobody`, {}).catch(() => undefined);

    const served = await ledgerMetrics.metrics();
    expect(metricValue(served, 'bus_requests_total', { subject, outcome: 'ok', service: 'ledger' })).toBe(1);
    expect(metricValue(served, 'bus_requests_total', { subject, outcome: 'insufficient_funds' })).toBe(1);
    expect(metricValue(served, 'bus_requests_total', { subject, outcome: 'internal' })).toBe(1);
    expect(metricValue(served, 'bus_request_duration_seconds_count', { subject })).toBe(3);
    expect(metricValue(served, 'bus_request_duration_seconds_bucket', { subject, le: '+Inf' })).toBe(3);
    const made = await gatewayMetrics.metrics();
    expect(metricValue(made, 'bus_client_requests_total', { subject, outcome: 'ok' })).toBe(1);
    expect(metricValue(made, 'bus_client_requests_total', { subject, outcome: 'insufficient_funds' })).toBe(
      1,
    );
    expect(metricValue(made, 'bus_client_requests_total', { subject, outcome: 'internal' })).toBe(1);
    expect(
      metricValue(made, 'bus_client_requests_total', {
        subject: `${subject}.nobody`,
        outcome: 'unavailable',
      }),
    ).toBe(1);
    expect(metricValue(made, 'bus_client_request_duration_seconds_count', { subject })).toBe(3);
    expect(metricValue(made, 'bus_client_requests_in_flight', { subject })).toBe(0);
    // The caller measures only what it made, the server only what it served.
    expect(metricValue(made, 'bus_requests_total')).toBe(0);
    expect(metricValue(served, 'bus_client_requests_total')).toBe(0);
  });

  it('shows a request waiting for its reply as in flight', async () => {
    const metrics = new ServiceMetrics('billing');
    const server = await world.connect('ledger');
    const client = await world.connect('billing', { metrics });
    const subject = `${uniqueType('ledger')}.deposit`;
    const reply = gate();
    await server.handle(subject, async () => {
      await reply.promise;
      return null;
    });

    const request = client.request(subject, {});
    await waitFor(
      async () => metricValue(await metrics.metrics(), 'bus_client_requests_in_flight', { subject }) === 1,
      'the request in flight',
    );
    reply.open();
    await request;

    expect(metricValue(await metrics.metrics(), 'bus_client_requests_in_flight', { subject })).toBe(0);
  });

  it('counts handled events by outcome, their redeliveries and dead letters', async () => {
    const metrics = new ServiceMetrics('billing');
    const consumer = await world.connect('billing', { metrics });
    const publisher = await world.connect('payments');
    const flaky = uniqueType('payment.captured');
    const broken = uniqueType('payment.refunded');
    let flakyCalls = 0;
    await consumer.subscribe(
      'billing',
      {
        [flaky]: async () => {
          flakyCalls += 1;
          if (flakyCalls < 3) throw new Error('the ledger is busy');
        },
        [broken]: async () => {
          throw new Error('the payer does not exist');
        },
      },
      { maxDeliveries: 3, backoffMs: [20, 40] },
    );

    await Promise.all([publisher.publish(testEvent(flaky)), publisher.publish(testEvent(broken))]);
    await waitFor(
      async () =>
        metricValue(await metrics.metrics(), 'bus_dead_letters_total') === 1 &&
        metricValue(await metrics.metrics(), 'bus_events_handled_total', { type: flaky, outcome: 'ok' }) ===
          1,
      'the flaky event handled and the broken one dead-lettered',
      15_000,
    );

    const text = await metrics.metrics();
    const of = (type: string, outcome: string) =>
      metricValue(text, 'bus_events_handled_total', { type, consumer: 'billing', outcome });
    expect([of(flaky, 'ok'), of(flaky, 'failed')]).toEqual([1, 2]);
    expect([of(broken, 'ok'), of(broken, 'failed')]).toEqual([0, 3]);
    expect(metricValue(text, 'bus_event_redeliveries_total', { type: flaky, consumer: 'billing' })).toBe(2);
    expect(metricValue(text, 'bus_event_redeliveries_total', { type: broken, consumer: 'billing' })).toBe(2);
    expect(metricValue(text, 'bus_dead_letters_total', { type: broken, consumer: 'billing' })).toBe(1);
    expect(metricValue(text, 'bus_dead_letters_total', { type: flaky })).toBe(0);
  });

  it('continues the caller’s trace in the handler, into the outbox event it writes, and in its consumer', async () => {
    const server = await world.connect('ledger');
    const client = await world.connect('gateway');
    const consumer = await world.connect('billing');
    const subject = `${uniqueType('ledger')}.transfer`;
    const type = uniqueType('transfer.posted');
    let handlerContext: MessageContext | undefined;
    await server.handle(subject, async (_payload, context) => {
      handlerContext = context;
      // No context given: the event takes the trace and request being handled.
      const event = createEvent({ source: 'ledger', type, subject: 'transfer-1', data: {} });
      await db.transaction().execute((trx) => enqueueEvent(trx, event));
      return null;
    });
    const consumed: { event: CloudEvent; context: MessageContext }[] = [];
    await consumer.subscribe('billing', {
      [type]: async (event, { context }) => void consumed.push({ event, context }),
    });
    startRelay(server);

    await client.request(subject, {}, { requestId: 'request-9', traceparent: callerTraceparent });
    await waitFor(() => consumed.length === 1, 'the event consumed');

    const [{ event, context }] = consumed as [{ event: CloudEvent; context: MessageContext }];
    expect(handlerContext?.requestId).toBe('request-9');
    expect(traceIdOf(handlerContext?.traceparent)).toBe(callerTraceId);
    expect(event.requestid).toBe('request-9');
    expect(event.traceparent).toBe(handlerContext?.traceparent);
    expect(context.requestId).toBe('request-9');
    expect(traceIdOf(context.traceparent)).toBe(callerTraceId);

    // One trace: caller → client span → handler span → consumer span.
    const finished = spans.getFinishedSpans();
    const spanOf = (name: string, kind: SpanKind) =>
      finished.find((span) => span.name === name && span.kind === kind);
    const clientSpan = spanOf(subject, SpanKind.CLIENT);
    const serverSpan = spanOf(subject, SpanKind.SERVER);
    const consumerSpan = spanOf(`${type} process`, SpanKind.CONSUMER);
    expect(finished).toHaveLength(3);
    expect(finished.every((span) => span.spanContext().traceId === callerTraceId)).toBe(true);
    expect(clientSpan?.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(serverSpan?.parentSpanContext?.spanId).toBe(clientSpan?.spanContext().spanId);
    expect(serverSpan?.spanContext().spanId).toBe(spanIdOf(handlerContext?.traceparent));
    expect(consumerSpan?.parentSpanContext?.spanId).toBe(serverSpan?.spanContext().spanId);
  });

  it('starts a new trace for a request that carries none, and marks a failed handler’s span', async () => {
    const server = await world.connect('ledger');
    const client = await world.connect('gateway');
    const subject = `${uniqueType('ledger')}.deposit`;
    const seen: MessageContext[] = [];
    await server.handle(subject, async (_payload, context) => {
      seen.push(context);
      throw new AppError('forbidden', 'admins only');
    });

    await client.request(subject, {}).catch(() => undefined);
    await client.request(subject, {}).catch(() => undefined);

    expect(seen).toHaveLength(2);
    expect(traceIdOf(seen[0]!.traceparent)).toMatch(/^[0-9a-f]{32}$/);
    expect(traceIdOf(seen[0]!.traceparent)).not.toBe(traceIdOf(seen[1]!.traceparent));
    const failed = spans.getFinishedSpans().filter((span) => span.name === subject);
    expect(failed).toHaveLength(4);
    expect(failed.every((span) => span.attributes['moneypal.error_code'] === 'forbidden')).toBe(true);
  });

  it('writes the request id, trace id and span id on every log line of a handler, and only there', async () => {
    const { lines, logger } = capturedLogger('ledger');
    const server = await world.connect('ledger', { logger });
    const client = await world.connect('gateway');
    const subject = `${uniqueType('ledger')}.transfer`;
    let handlerContext: MessageContext | undefined;
    await server.handle(subject, async (_payload, context) => {
      handlerContext = context;
      logger.info({ wallet_id: 'w-1' }, 'transfer posted');
      return null;
    });

    await client.request(subject, {}, { requestId: 'request-5', traceparent: callerTraceparent });
    logger.info('outside any request');

    const ids = {
      request_id: 'request-5',
      trace_id: callerTraceId,
      span_id: spanIdOf(handlerContext?.traceparent),
    };
    expect(lines.find((line) => line.message === 'transfer posted')).toMatchObject(ids);
    expect(lines.find((line) => line.message === 'request handled')).toMatchObject({ ...ids, subject });
    const outside = lines.find((line) => line.message === 'outside any request');
    expect(outside).toBeDefined();
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('request_id');
  });

  it('logs each handled event with the request id and trace of the request that caused it', async () => {
    const { lines, logger } = capturedLogger('notifications');
    const consumer = await world.connect('notifications', { logger });
    const publisher = await world.connect('identity');
    const type = uniqueType('user.created');
    let seen: MessageContext | undefined;
    await consumer.subscribe('notifications', {
      [type]: async (_event, { context }) => {
        seen = context;
        logger.info('welcome email queued');
      },
    });
    const event = { ...testEvent(type), requestid: 'request-8', traceparent: callerTraceparent };

    await publisher.publish(event);
    await waitFor(() => lines.some((line) => line.message === 'event handled'), 'the event handled');

    const ids = { request_id: 'request-8', trace_id: callerTraceId, span_id: spanIdOf(seen?.traceparent) };
    expect(lines.find((line) => line.message === 'welcome email queued')).toMatchObject(ids);
    expect(lines.find((line) => line.message === 'event handled')).toMatchObject({
      ...ids,
      consumer: 'notifications',
      event_id: event.id,
      event_type: type,
      attempt: 1,
      outcome: 'ok',
    });
  });

  it('measures the outbox lag at each scrape while the relay runs, and counts what it published', async () => {
    const metrics = new ServiceMetrics('payments');
    const bus = await world.connect('payments');
    const type = uniqueType('payment.created');
    const held = gate();
    const heldBus: Bus = {
      service: bus.service,
      request: (subject, payload, options) => bus.request(subject, payload, options),
      handle: (subject, handler) => bus.handle(subject, handler),
      subscribe: (consumer, handlers, options) => bus.subscribe(consumer, handlers, options),
      onDeadLetter: (listener) => bus.onDeadLetter(listener),
      ping: () => bus.ping(),
      close: () => bus.close(),
      publish: async (event) => {
        await held.promise;
        await bus.publish(event);
      },
    };
    await db.transaction().execute(async (trx) => {
      await enqueueEvent(trx, testEvent(type));
      await enqueueEvent(trx, testEvent(type));
    });

    // No relay runs yet: nothing measures the outbox.
    expect(metricValue(await metrics.metrics(), 'outbox_pending_events')).toBe(0);
    startRelay(heldBus, metrics);
    await waitFor(
      async () => metricValue(await metrics.metrics(), 'outbox_oldest_pending_age_seconds') > 0,
      'the lag measured',
    );
    expect(metricValue(await metrics.metrics(), 'outbox_pending_events', { service: 'payments' })).toBe(2);

    held.open();
    await waitFor(
      async () => metricValue(await metrics.metrics(), 'outbox_pending_events') === 0,
      'the outbox drained',
    );
    const text = await metrics.metrics();
    expect(metricValue(text, 'outbox_oldest_pending_age_seconds')).toBe(0);
    expect(metricValue(text, 'outbox_events_published_total', { type })).toBe(2);
  });
});

describe('the metrics of a service', () => {
  it('label every series with the service and include the process defaults', async () => {
    const text = await new ServiceMetrics('notifications').metrics();

    expect(metricValue(text, 'process_resident_memory_bytes', { service: 'notifications' })).toBeGreaterThan(
      0,
    );
    expect(text).toMatch(/^process_cpu_seconds_total\{service="notifications"\} /m);
    expect(text).toContain('# TYPE bus_requests_total counter');
  });

  it('keep the series of two services in one process apart', async () => {
    const identity = new ServiceMetrics('identity');
    const ledger = new ServiceMetrics('ledger');
    identity.busRequests.inc({ subject: 'identity.user.get', outcome: 'ok' });
    const posted = ledger.counter({
      name: 'ledger_transfers_posted_total',
      help: 'Transfers.',
      labelNames: ['type'],
    });
    posted.inc({ type: 'deposit' });

    expect(metricValue(await identity.metrics(), 'bus_requests_total')).toBe(1);
    expect(metricValue(await ledger.metrics(), 'bus_requests_total')).toBe(0);
    expect(metricValue(await ledger.metrics(), 'ledger_transfers_posted_total', { type: 'deposit' })).toBe(1);
    expect(() => ledger.counter({ name: 'ledger_transfers_posted_total', help: 'Again.' })).toThrow(
      /already been registered/,
    );
  });
});
