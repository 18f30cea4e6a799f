import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import { NatsEvents } from './nats-events.js';
import { NatsReplies } from './nats-replies.js';
import { NatsRequests } from './nats-requests.js';
import type {
  Bus,
  CloudEvent,
  DeadLetter,
  EventHandlers,
  RequestHandler,
  RequestOptions,
  SubscribeOptions,
} from './types.js';

export interface NatsBusOptions {
  /** One or more `nats://host:port` URLs. */
  servers: string | string[];
  /** The service name: the queue group of its request handlers and the client's name. */
  service: string;
  logger: Logger;
  /** Where the bus's traffic is measured (requests served and made, events, dead letters). */
  metrics?: ServiceMetrics;
  /**
   * Put before every subject this bus uses (requests, events, dead letters), so that a
   * test or a second installation on the same server never meets the first; `''` in
   * production. A missing trailing dot is added.
   */
  subjectPrefix?: string;
  /** The JetStream stream of events. */
  streamName?: string;
  /** The JetStream stream of dead letters. */
  deadLetterStreamName?: string;
  /** How long JetStream waits for an acknowledgement before it redelivers an event. */
  ackWaitMs?: number;
  /** How long JetStream remembers an event id to drop a re-published copy. */
  duplicateWindowMs?: number;
  /** How long events stay in the stream, for consumers that fall behind or start late. */
  eventMaxAgeMs?: number;
  /** Copies of each stream in a JetStream cluster. */
  replicas?: number;
  /** Events handled at the same time by one subscription. */
  maxInFlight?: number;
  /** How long `close` waits for running handlers before it closes the connection anyway. */
  closeTimeoutMs?: number;
}

const pingTimeoutMs = 2_000;

/**
 * Connects to NATS and prepares the event streams: request/reply travels on NATS core
 * with one queue group per service, events on JetStream with one durable pull consumer
 * per consumer name (ARCHITECTURE.md §3).
 */
export async function connectNatsBus(options: NatsBusOptions): Promise<NatsBus> {
  const connection = await connect({
    servers: options.servers,
    name: options.service,
    // A service outlives broker restarts: it keeps reconnecting rather than dying.
    maxReconnectAttempts: -1,
    // Capturing a stack trace for every request costs more than the request itself under
    // load; errors still say which subject failed.
    noAsyncTraces: true,
  });
  try {
    const manager = await jetstreamManager(connection);
    const bus = new NatsBus(connection, manager, options);
    await bus.ensureStreams();
    return bus;
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * The bus on one NATS connection: request/reply (nats-requests.ts) and events on JetStream
 * (nats-events.ts) share the connection and its reply inbox; this class opens and closes them.
 */
export class NatsBus implements Bus {
  readonly service: string;
  /** The subject prefix in use, with its trailing dot (or empty). */
  readonly subjectPrefix: string;
  readonly streamName: string;
  readonly deadLetterStreamName: string;
  private readonly logger: Logger;
  /** Where the replies to this bus's requests and publications arrive. */
  private readonly replies: NatsReplies;
  private readonly requests: NatsRequests;
  private readonly events: NatsEvents;
  private readonly closeTimeoutMs: number;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: NatsConnection,
    manager: JetStreamManager,
    options: NatsBusOptions,
  ) {
    this.service = options.service;
    this.logger = options.logger;
    const prefix = options.subjectPrefix ?? '';
    this.subjectPrefix = prefix === '' || prefix.endsWith('.') ? prefix : `${prefix}.`;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    this.replies = new NatsReplies(connection);
    const shared = { subjectPrefix: this.subjectPrefix, logger: options.logger, metrics: options.metrics };
    this.requests = new NatsRequests(connection, this.replies, { ...shared, service: options.service });
    this.events = new NatsEvents(connection, manager, this.replies, {
      ...shared,
      streamName: options.streamName,
      deadLetterStreamName: options.deadLetterStreamName,
      ackWaitMs: options.ackWaitMs,
      duplicateWindowMs: options.duplicateWindowMs,
      eventMaxAgeMs: options.eventMaxAgeMs,
      replicas: options.replicas,
      maxInFlight: options.maxInFlight,
      isClosing: () => this.closing !== undefined,
    });
    this.streamName = this.events.streamName;
    this.deadLetterStreamName = this.events.deadLetterStreamName;
    void connection.closed().then(() => this.replies.close());
    void this.logStatus();
  }

  /**
   * Creates both streams, or brings their configuration up to date. Safe to run from every
   * replica at once: creating a stream that exists with the same configuration succeeds.
   */
  ensureStreams(): Promise<void> {
    return this.events.ensureStreams();
  }

  async request(subject: string, payload: unknown, options: RequestOptions = {}): Promise<unknown> {
    this.assertOpen();
    return this.requests.request(subject, payload, options);
  }

  async handle(subject: string, handler: RequestHandler): Promise<void> {
    this.assertOpen();
    return this.requests.handle(subject, handler);
  }

  /** Resolves once JetStream has stored the event; a copy with a known id is dropped by the broker. */
  async publish(event: CloudEvent): Promise<void> {
    this.assertOpen();
    return this.events.publish(event);
  }

  async subscribe(consumer: string, handlers: EventHandlers, options: SubscribeOptions = {}): Promise<void> {
    this.assertOpen();
    return this.events.subscribe(consumer, handlers, options);
  }

  onDeadLetter(listener: (deadLetter: DeadLetter) => void): void {
    this.events.onDeadLetter(listener);
  }

  async ping(): Promise<boolean> {
    if (this.closing || this.connection.isClosed()) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), pingTimeoutMs);
    });
    try {
      return await Promise.race([this.connection.flush().then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops taking requests and events, waits (up to `closeTimeoutMs`) for the handlers that
   * are running, then drains the connection so their replies and acknowledgements go out.
   * Events taken but not finished in time are redelivered after the ack wait.
   */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.requests.stopServing();
    await this.events.stopConsuming();
    // The consumer loops are awaited under the same time limit as the handlers.
    const running = [...this.requests.running(), ...this.events.running()];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(running),
      new Promise((resolve) => {
        timer = setTimeout(resolve, this.closeTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    try {
      await this.connection.drain();
    } catch (error) {
      // The connection may already be closed (e.g. the server went away); nothing is left to flush.
      if (!this.connection.isClosed()) throw error;
    }
  }

  private assertOpen(): void {
    if (this.closing || this.connection.isClosed()) {
      throw new AppError('unavailable', 'the bus connection is closed');
    }
  }

  /** Logs losing and regaining the server; the client reconnects by itself. */
  private async logStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') {
        this.logger.warn({ server: status.server }, `nats ${status.type}`);
        if (status.type === 'disconnect') this.replies.abandon('the connection to NATS was lost');
      } else if (status.type === 'error') {
        this.logger.error({ err: status.error }, 'nats connection error');
      }
    }
  }
}
