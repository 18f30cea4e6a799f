import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, millis } from '@nats-io/transport-node';
import { MemoryBroker } from '../src/bus/memory.js';
import { connectNatsBus, type NatsBus } from '../src/bus/nats.js';
import type { Bus, CloudEvent } from '../src/bus/types.js';
import { createLogger, type Logger } from '../src/logger.js';
import { createEvent } from '../src/messaging/outbox.js';
import type { ServiceMetrics } from '../src/observability/metrics.js';

/**
 * The bus transports a test file runs against: the in-process bus always, NATS when
 * TEST_NATS_URL names a server. Each test opens its own isolated world (a fresh broker,
 * or fresh NATS subjects and streams) and closes it at the end.
 */
export interface Transport {
  name: string;
  open(): Promise<BusWorld>;
}

export interface ConnectOptions {
  /** How long `close` waits for running handlers (NATS); kept short where a test simulates a crash. */
  closeTimeoutMs?: number;
  /** The event stream's duplicate window (NATS); a value other than the first connection's updates the stream. */
  duplicateWindowMs?: number;
  /** Where the connection's traffic is measured; unmeasured when absent. */
  metrics?: ServiceMetrics;
  /** Silent when absent. */
  logger?: Logger;
}

export interface BusWorld {
  connect(service: string, options?: ConnectOptions): Promise<Bus>;
  /** Long enough for a delivery that was not settled to come back (the ack wait on NATS). */
  redeliveryWindowMs: number;
  /** Puts raw bytes on the events subject of `type`, as a broken publisher would (NATS only). */
  publishRaw?(type: string, body: string): Promise<void>;
  /** How many events the server handed each durable consumer of the event stream (NATS only). */
  deliveredByConsumer?(): Promise<Record<string, number>>;
  /** The duplicate window the event stream has on the server (NATS only). */
  eventStreamDuplicateWindowMs?(): Promise<number>;
  /** Makes the event stream refuse messages larger than `bytes` (NATS only). */
  limitEventSize?(bytes: number): Promise<void>;
  close(): Promise<void>;
}

export const silentLogger = createLogger({ service: 'test', level: 'silent' });

/** The ack wait of every NATS bus in the tests: short, so redelivery tests stay quick. */
const testAckWaitMs = 1_000;

function memoryTransport(): Transport {
  return {
    name: 'in-process',
    async open() {
      const broker = new MemoryBroker();
      const buses: Bus[] = [];
      return {
        redeliveryWindowMs: 50,
        async connect(service, options = {}) {
          const bus = broker.connect(service, options.logger ?? silentLogger, options.metrics);
          buses.push(bus);
          return bus;
        },
        async close() {
          await Promise.all(buses.map((bus) => bus.close()));
          broker.shutdown();
        },
      };
    },
  };
}

function natsTransport(servers: string): Transport {
  return {
    name: 'nats',
    async open() {
      const run = randomBytes(4).toString('hex');
      const names = {
        subjectPrefix: `test_${run}.`,
        streamName: `TEST_${run}_EVENTS`,
        deadLetterStreamName: `TEST_${run}_DEAD_LETTERS`,
      };
      const buses: NatsBus[] = [];
      const raw = await connect({ servers });
      return {
        redeliveryWindowMs: testAckWaitMs + 500,
        async connect(service, options = {}) {
          const bus = await connectNatsBus({
            servers,
            service,
            logger: options.logger ?? silentLogger,
            ...(options.metrics ? { metrics: options.metrics } : {}),
            ...names,
            ackWaitMs: testAckWaitMs,
            closeTimeoutMs: options.closeTimeoutMs ?? 2_000,
            ...(options.duplicateWindowMs === undefined
              ? {}
              : { duplicateWindowMs: options.duplicateWindowMs }),
          });
          buses.push(bus);
          return bus;
        },
        async publishRaw(type, body) {
          const manager = await jetstreamManager(raw);
          await manager.jetstream().publish(`${names.subjectPrefix}events.${type}`, body);
        },
        async deliveredByConsumer() {
          const manager = await jetstreamManager(raw);
          const delivered: Record<string, number> = {};
          for await (const info of manager.consumers.list(names.streamName)) {
            delivered[info.name] = info.delivered.consumer_seq;
          }
          return delivered;
        },
        async eventStreamDuplicateWindowMs() {
          const manager = await jetstreamManager(raw);
          const info = await manager.streams.info(names.streamName);
          return millis(info.config.duplicate_window);
        },
        async limitEventSize(bytes) {
          const manager = await jetstreamManager(raw);
          await manager.streams.update(names.streamName, { max_msg_size: bytes });
        },
        async close() {
          await Promise.all(buses.map((bus) => bus.close()));
          const manager = await jetstreamManager(raw);
          for (const stream of [names.streamName, names.deadLetterStreamName]) {
            await manager.streams.delete(stream).catch(() => false);
          }
          await raw.close();
        },
      };
    },
  };
}

export function availableTransports(): Transport[] {
  const natsUrl = process.env.TEST_NATS_URL;
  return natsUrl ? [memoryTransport(), natsTransport(natsUrl)] : [memoryTransport()];
}

/** Polls until `condition` holds, failing with `description` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  description: string,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await sleep(10);
  }
}

export function sleep(durationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, durationMs));
}

/** A type no other test uses, so a test's consumers never meet another test's events. */
export function uniqueType(name: string): string {
  return `test.${randomBytes(4).toString('hex')}.${name}`;
}

export function testEvent(type: string, data: unknown = {}): CloudEvent {
  return createEvent({ source: 'test', type, subject: 'subject-1', data });
}

/** A promise and the function that resolves it, for handlers that wait on the test. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
