import {
  AckPolicy,
  type Consumer,
  type ConsumerConfig,
  type ConsumerMessages,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  connect,
  headers as createHeaders,
  type Msg,
  type NatsConnection,
  nanos,
  type Subscription,
} from '@nats-io/transport-node';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import {
  assertConsumerName,
  assertEventType,
  deliverEvent,
  describeFailure,
  isCloudEvent,
  redeliveryDelayMs,
  reportDeadLetter,
} from './delivery.js';
import { defaultAckWaitMs, defaultDeadLetterStreamName, defaultStreamName } from './nats-defaults.js';
import { NatsReplies, NoReplyError } from './nats-replies.js';
import { replyOf, sendRequest, unwrapReply } from './reply.js';
import {
  type Bus,
  type CloudEvent,
  type DeadLetter,
  defaultBackoffMs,
  defaultMaxDeliveries,
  defaultRequestTimeoutMs,
  type EventHandler,
  type MessageContext,
  type ReplyEnvelope,
  type RequestHandler,
  type RequestOptions,
  type SubscribeOptions,
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

/** The header that carries the request id of a request (the trace context travels as `traceparent`). */
const requestIdHeader = 'Moneypal-Request-Id';
const traceparentHeader = 'traceparent';
const dayMs = 86_400_000;
/** Dead letters wait for a person, so they are kept much longer than events. */
const deadLetterMaxAgeMs = 30 * dayMs;
const pingTimeoutMs = 2_000;
/** How long a publication waits for JetStream to confirm it stored the message (as the client's default). */
const storeTimeoutMs = 5_000;
/** The pause before a consumer loop that failed (e.g. its consumer was deleted) starts again. */
const consumerRestartDelayMs = 1_000;

/** JetStream's answer when a stream exists with another configuration. */
const streamNameInUseCode = 10058;

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

interface Subscriber {
  /** The consumer name the service subscribed with (inbox, dead letters, metrics). */
  consumer: string;
  /** Its JetStream durable consumer for one event type: `<consumer>--<type with _ for .>`. */
  durable: string;
  eventType: string;
  handlers: Record<string, EventHandler>;
  maxDeliveries: number;
  backoffMs: number[];
  messages: ConsumerMessages | undefined;
  loop: Promise<void>;
  inFlight: Set<Promise<void>>;
}

export class NatsBus implements Bus {
  readonly service: string;
  /** The subject prefix in use, with its trailing dot (or empty). */
  readonly subjectPrefix: string;
  readonly streamName: string;
  readonly deadLetterStreamName: string;
  private readonly logger: Logger;
  private readonly metrics: ServiceMetrics | undefined;
  private readonly jetstream: JetStreamClient;
  /** Where the replies to this bus's requests and publications arrive. */
  private readonly replies: NatsReplies;
  private readonly ackWaitMs: number;
  private readonly duplicateWindowMs: number;
  private readonly eventMaxAgeMs: number;
  private readonly replicas: number;
  private readonly maxInFlight: number;
  private readonly closeTimeoutMs: number;
  private readonly responders: Subscription[] = [];
  private readonly requestsInFlight = new Set<Promise<void>>();
  private readonly subscribers: Subscriber[] = [];
  private readonly deadLetterListeners = new Set<(deadLetter: DeadLetter) => void>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: NatsConnection,
    private readonly manager: JetStreamManager,
    options: NatsBusOptions,
  ) {
    this.service = options.service;
    this.logger = options.logger;
    this.metrics = options.metrics;
    const prefix = options.subjectPrefix ?? '';
    this.subjectPrefix = prefix === '' || prefix.endsWith('.') ? prefix : `${prefix}.`;
    this.streamName = options.streamName ?? defaultStreamName;
    this.deadLetterStreamName = options.deadLetterStreamName ?? defaultDeadLetterStreamName;
    this.ackWaitMs = options.ackWaitMs ?? defaultAckWaitMs;
    this.duplicateWindowMs = options.duplicateWindowMs ?? 120_000;
    this.eventMaxAgeMs = options.eventMaxAgeMs ?? 7 * dayMs;
    this.replicas = options.replicas ?? 1;
    this.maxInFlight = options.maxInFlight ?? 64;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
    this.jetstream = manager.jetstream();
    this.replies = new NatsReplies(connection);
    void connection.closed().then(() => this.replies.close());
    void this.logStatus();
  }

  /**
   * Creates both streams, or brings their configuration up to date. Safe to run from every
   * replica at once: creating a stream that exists with the same configuration succeeds.
   */
  async ensureStreams(): Promise<void> {
    await this.ensureStream({
      name: this.streamName,
      subjects: [`${this.subjectPrefix}events.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(this.eventMaxAgeMs),
      duplicate_window: nanos(Math.min(this.duplicateWindowMs, this.eventMaxAgeMs)),
      num_replicas: this.replicas,
    });
    await this.ensureStream({
      name: this.deadLetterStreamName,
      subjects: [`${this.subjectPrefix}deadletter.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(deadLetterMaxAgeMs),
      duplicate_window: nanos(Math.min(this.duplicateWindowMs, deadLetterMaxAgeMs)),
      num_replicas: this.replicas,
    });
  }

  private async ensureStream(config: Partial<StreamConfig> & { name: string }): Promise<void> {
    try {
      await this.manager.streams.add(config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === streamNameInUseCode)) throw error;
      const { name, retention: _retention, storage: _storage, ...changeable } = config;
      await this.manager.streams.update(name, changeable);
    }
  }

  async request(subject: string, payload: unknown, options: RequestOptions = {}): Promise<unknown> {
    this.assertOpen();
    return sendRequest(subject, options, this.metrics, (context) =>
      this.send(subject, payload, context, options),
    );
  }

  private async send(
    subject: string,
    payload: unknown,
    context: MessageContext,
    options: RequestOptions,
  ): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? defaultRequestTimeoutMs;
    const headers = createHeaders();
    headers.set(requestIdHeader, context.requestId);
    if (context.traceparent) headers.set(traceparentHeader, context.traceparent);
    let reply: Msg;
    try {
      reply = await this.replies.request(this.subjectPrefix + subject, JSON.stringify(payload ?? null), {
        timeoutMs,
        headers,
      });
    } catch (error) {
      if (error instanceof NoReplyError && error.reason === 'no_responders') {
        throw new AppError('unavailable', `no service answers ${subject}`);
      }
      if (error instanceof NoReplyError && error.reason === 'timeout') {
        throw new AppError('unavailable', `no reply on ${subject} within ${timeoutMs} ms`);
      }
      throw new AppError('unavailable', `request on ${subject} failed: ${describeFailure(error)}`);
    }
    let envelope: unknown;
    try {
      envelope = reply.json();
    } catch {
      throw new AppError('internal', `malformed reply on ${subject}`);
    }
    return unwrapReply(envelope, subject);
  }

  async handle(subject: string, handler: RequestHandler): Promise<void> {
    this.assertOpen();
    const subscription = this.connection.subscribe(this.subjectPrefix + subject, {
      // Every replica of a service joins the same queue group, so each request reaches one of them.
      queue: this.service,
      callback: (error, message) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'request subscription failed');
          return;
        }
        const answering = this.answer(subject, message, handler);
        this.requestsInFlight.add(answering);
        void answering.finally(() => this.requestsInFlight.delete(answering));
      },
    });
    this.responders.push(subscription);
    // The subscription is registered with the server before `handle` returns, so a
    // request sent right after cannot miss it.
    await this.connection.flush();
  }

  private async answer(subject: string, message: Msg, handler: RequestHandler): Promise<void> {
    const context: MessageContext = {
      requestId: message.headers?.get(requestIdHeader) || newId(),
    };
    const traceparent = message.headers?.get(traceparentHeader);
    if (traceparent) context.traceparent = traceparent;
    let envelope: ReplyEnvelope;
    let payload: unknown;
    try {
      payload = message.json();
      envelope = await replyOf(handler, payload, context, subject, this.logger, this.metrics);
    } catch {
      this.metrics?.busRequests.inc({ subject, outcome: 'validation_failed' });
      envelope = { ok: false, error: { code: 'validation_failed', message: 'the request is not JSON' } };
    }
    let body: string;
    try {
      body = JSON.stringify(envelope);
    } catch (error) {
      // A reply that cannot become JSON (a bigint, a cycle) is a bug of the handler.
      this.logger.error({ err: error, subject, request_id: context.requestId }, 'reply is not serialisable');
      body = JSON.stringify({ ok: false, error: { code: 'internal', message: 'internal error' } });
    }
    if (!message.reply || this.connection.isClosed()) return;
    message.respond(body);
  }

  /** Resolves once JetStream has stored the event; a copy with a known id is dropped by the broker. */
  async publish(event: CloudEvent): Promise<void> {
    this.assertOpen();
    assertEventType(event.type);
    try {
      await this.store(`${this.subjectPrefix}events.${event.type}`, JSON.stringify(event), event.id);
    } catch (error) {
      throw new AppError('unavailable', `event ${event.id} was not stored: ${describeFailure(error)}`);
    }
  }

  /**
   * Publishes to a stream's subject and resolves once JetStream has stored the message (or
   * dropped it as a copy of one stored with the same `Nats-Msg-Id` within the duplicate
   * window): JetStream's publication protocol, a request answered by a PubAck.
   */
  private async store(subject: string, body: string, messageId: string): Promise<void> {
    const headers = createHeaders();
    headers.set('Nats-Msg-Id', messageId);
    const reply = await this.replies.request(subject, body, { timeoutMs: storeTimeoutMs, headers });
    const ack = reply.json<{ stream?: string; error?: { code?: number; description?: string } }>();
    if (ack.error !== undefined) {
      throw new Error(
        `JetStream refused it: ${ack.error.description ?? 'no reason given'} (${ack.error.code})`,
      );
    }
    if (!ack.stream) throw new Error('JetStream answered without naming a stream');
  }

  async subscribe(
    consumer: string,
    handlers: Record<string, EventHandler>,
    options: SubscribeOptions = {},
  ): Promise<void> {
    this.assertOpen();
    assertConsumerName(consumer);
    const maxDeliveries = options.maxDeliveries ?? defaultMaxDeliveries;
    const backoffMs = options.backoffMs ?? defaultBackoffMs;
    for (const [eventType, handler] of Object.entries(handlers)) {
      assertEventType(eventType);
      const subscriber: Subscriber = {
        consumer,
        durable: `${consumer}--${eventType.replaceAll('.', '_')}`,
        eventType,
        handlers: { [eventType]: handler },
        maxDeliveries,
        backoffMs,
        messages: undefined,
        loop: Promise.resolve(),
        inFlight: new Set(),
      };
      // The consumer exists before `subscribe` returns, so no event published after it is missed.
      const jetstreamConsumer = await this.ensureConsumer(subscriber);
      subscriber.messages = await jetstreamConsumer.consume({ max_messages: this.maxInFlight });
      this.subscribers.push(subscriber);
      subscriber.loop = this.runConsumer(subscriber, jetstreamConsumer);
    }
  }

  /**
   * One durable pull consumer per consumer name and event type, shared by every replica, so
   * that a service receives only the events it handles (server 2.9 filters on one subject
   * per consumer). The server's
   * own delivery limit stays unlimited: this bus dead-letters an event itself once its
   * deliveries run out, and a server-side limit would instead leave the event silently
   * undelivered if the last attempt ended in a crash or the dead letter could not be
   * stored.
   */
  private async ensureConsumer(subscriber: Subscriber): Promise<Consumer> {
    const config: Partial<ConsumerConfig> = {
      durable_name: subscriber.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(this.ackWaitMs),
      max_deliver: -1,
      max_ack_pending: 1_000,
      filter_subject: `${this.subjectPrefix}events.${subscriber.eventType}`,
    };
    try {
      await this.manager.consumers.add(this.streamName, config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      const { durable_name: _name, ack_policy: _ack, deliver_policy: _deliver, ...changeable } = config;
      await this.manager.consumers.update(this.streamName, subscriber.durable, changeable);
    }
    return this.jetstream.consumers.get(this.streamName, subscriber.durable);
  }

  /** Takes messages while the bus is open; a failed loop (e.g. its consumer was deleted) starts again. */
  private async runConsumer(subscriber: Subscriber, first: Consumer): Promise<void> {
    let jetstreamConsumer: Consumer | undefined = first;
    while (!this.closing) {
      try {
        if (!jetstreamConsumer) {
          jetstreamConsumer = await this.ensureConsumer(subscriber);
          subscriber.messages = await jetstreamConsumer.consume({ max_messages: this.maxInFlight });
          // `close` may have run while the consumer was being set up, and closed only the old messages.
          if (this.closing) {
            await subscriber.messages.close();
            return;
          }
        }
        const messages = subscriber.messages!;
        for await (const message of messages) {
          while (subscriber.inFlight.size >= this.maxInFlight) await Promise.race(subscriber.inFlight);
          const processing = this.process(subscriber, message);
          subscriber.inFlight.add(processing);
          void processing.finally(() => subscriber.inFlight.delete(processing));
        }
      } catch (error) {
        if (this.closing) return;
        this.logger.error(
          { err: error, consumer: subscriber.consumer },
          'event consumer stopped; restarting',
        );
      }
      if (this.closing) return;
      await subscriber.messages?.close().catch(() => undefined);
      jetstreamConsumer = undefined;
      await new Promise((resolve) => setTimeout(resolve, consumerRestartDelayMs));
    }
  }

  /** Handles one delivery; never throws, so one bad event cannot stop the loop. */
  private async process(subscriber: Subscriber, message: JsMsg): Promise<void> {
    const attempt = message.info.deliveryCount;
    const event = decodeEvent(message);
    if (!event) {
      await this.deadLetter(subscriber, message, {
        consumer: subscriber.consumer,
        event: null,
        body: message.string(),
        attempts: attempt,
        error: 'the message is not a CloudEvent in JSON',
      });
      return;
    }
    if (attempt > subscriber.maxDeliveries) {
      // The previous, last allowed delivery ended without a verdict (its process died).
      await this.deadLetter(subscriber, message, {
        consumer: subscriber.consumer,
        event,
        attempts: attempt - 1,
        error: 'the last delivery was never acknowledged',
      });
      return;
    }
    const handler = subscriber.handlers[event.type];
    if (!handler) {
      this.settle(message, 'ack');
      return;
    }
    // A handler slower than the ack wait tells the server it is still working, rather than
    // have the event redelivered to another replica while it runs.
    const heartbeat = setInterval(() => this.settle(message, 'working'), Math.max(this.ackWaitMs / 2, 100));
    heartbeat.unref();
    let failure: unknown;
    let failed = false;
    try {
      await deliverEvent(handler, event, {
        consumer: subscriber.consumer,
        attempt,
        metrics: this.metrics,
        logger: this.logger,
      });
    } catch (error) {
      failure = error;
      failed = true;
    } finally {
      clearInterval(heartbeat);
    }
    if (!failed) {
      // Not waiting for the server's confirmation: an acknowledgement lost on the way only
      // brings the event again, and the consumer's inbox applies nothing twice.
      this.settle(message, 'ack');
      return;
    }
    if (attempt >= subscriber.maxDeliveries) {
      await this.deadLetter(subscriber, message, {
        consumer: subscriber.consumer,
        event,
        attempts: attempt,
        error: describeFailure(failure),
      });
      return;
    }
    this.logger.warn(
      { err: failure, consumer: subscriber.consumer, event_id: event.id, event_type: event.type, attempt },
      'event handler failed; the event will be redelivered',
    );
    this.settle(message, 'nak', redeliveryDelayMs(subscriber.backoffMs, attempt));
  }

  /**
   * Stores the dead letter, then ends the event's deliveries. If the dead letter cannot be
   * stored, the event is redelivered later and dead-lettered then.
   */
  private async deadLetter(subscriber: Subscriber, message: JsMsg, deadLetter: DeadLetter): Promise<void> {
    try {
      await this.store(
        `${this.subjectPrefix}deadletter.${subscriber.consumer}`,
        JSON.stringify(deadLetter),
        // One dead letter per stored message and consumer, however often this runs.
        `${subscriber.consumer}:${message.seq}`,
      );
    } catch (error) {
      this.logger.error({ err: error, consumer: subscriber.consumer }, 'dead letter not stored');
      this.settle(message, 'nak', redeliveryDelayMs(subscriber.backoffMs, message.info.deliveryCount));
      return;
    }
    this.settle(message, 'term');
    reportDeadLetter(deadLetter, this.deadLetterListeners, this.logger, this.metrics);
  }

  /** Sends a verdict unless the connection is gone, in which case the server redelivers after the ack wait. */
  private settle(message: JsMsg, verdict: 'ack' | 'nak' | 'term' | 'working', delayMs?: number): void {
    if (this.connection.isClosed()) return;
    try {
      if (verdict === 'ack') message.ack();
      else if (verdict === 'nak') message.nak(delayMs);
      else if (verdict === 'term') message.term();
      else message.working();
    } catch (error) {
      this.logger.warn({ err: error, verdict }, 'event verdict not sent');
    }
  }

  onDeadLetter(listener: (deadLetter: DeadLetter) => void): void {
    this.deadLetterListeners.add(listener);
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
    await Promise.allSettled(this.responders.map((subscription) => subscription.drain()));
    await Promise.allSettled(this.subscribers.map((subscriber) => subscriber.messages?.close()));
    // A consumer loop waiting for a free slot ends only when a handler does, so the loops
    // are awaited under the same time limit as the handlers.
    const running = [
      ...this.requestsInFlight,
      ...this.subscribers.flatMap((subscriber) => [subscriber.loop, ...subscriber.inFlight]),
    ];
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

function decodeEvent(message: JsMsg): CloudEvent | undefined {
  try {
    const value: unknown = message.json();
    return isCloudEvent(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
