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
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { headers as createHeaders, type NatsConnection, nanos } from '@nats-io/transport-node';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import {
  assertConsumerName,
  assertEventType,
  batchSizeOf,
  batchWaitMsOf,
  deliverEvent,
  deliverEventBatch,
  deliveryLimitsOf,
  describeFailure,
  isBatchHandler,
  isCloudEvent,
  redeliveryDelayMs,
  reportDeadLetter,
} from './delivery.js';
import { defaultAckWaitMs, defaultDeadLetterStreamName, defaultStreamName } from './nats-defaults.js';
import type { NatsReplies } from './nats-replies.js';
import type {
  CloudEvent,
  DeadLetter,
  EventBatchHandler,
  EventHandler,
  EventHandlers,
  SubscribeOptions,
} from './types.js';

const dayMs = 86_400_000;
/** Dead letters wait for a person, so they are kept much longer than events. */
const deadLetterMaxAgeMs = 30 * dayMs;
/** How long a publication waits for JetStream to confirm it stored the message (as the client's default). */
const storeTimeoutMs = 5_000;
/** The pause before a consumer loop that failed (e.g. its consumer was deleted) starts again. */
const consumerRestartDelayMs = 1_000;

/** JetStream's answer when a stream exists with another configuration. */
const streamNameInUseCode = 10058;

export interface NatsEventsOptions {
  /** Put before every subject, with its trailing dot (or empty). */
  subjectPrefix: string;
  logger: Logger;
  metrics: ServiceMetrics | undefined;
  streamName?: string | undefined;
  deadLetterStreamName?: string | undefined;
  ackWaitMs?: number | undefined;
  duplicateWindowMs?: number | undefined;
  eventMaxAgeMs?: number | undefined;
  replicas?: number | undefined;
  maxInFlight?: number | undefined;
  /** True once the bus has begun to close: consumer loops end rather than start again. */
  isClosing: () => boolean;
}

interface Subscriber {
  /** The consumer name the service subscribed with (inbox, dead letters, metrics). */
  consumer: string;
  /** Its JetStream durable consumer for one event type: `<consumer>--<type with _ for .>`. */
  durable: string;
  eventType: string;
  handler: EventHandler | EventBatchHandler;
  maxDeliveries: number;
  backoffMs: number[];
  messages: ConsumerMessages | undefined;
  loop: Promise<void>;
  inFlight: Set<Promise<void>>;
  /** Most messages taken and not yet settled (buffered or being handled). */
  maxTaken: number;
  /** How many messages are taken and not yet settled. */
  taken: number;
  /** A batch handler's messages taken since its last batch started, waiting for the next. */
  buffer: JsMsg[];
  flushScheduled: boolean;
  /** When the oldest message of `buffer` arrived (`performance.now()`), for the handler's `maxWaitMs`. */
  bufferedSince: number;
  /** True while a batch is being applied: the next one waits for it, as in a group commit. */
  batchRunning: boolean;
}

/**
 * Events on JetStream: the event and dead-letter streams, publications confirmed by the
 * broker, one durable pull consumer per consumer name and event type, redelivery with
 * backoff and dead letters.
 */
export class NatsEvents {
  readonly streamName: string;
  readonly deadLetterStreamName: string;
  private readonly subjectPrefix: string;
  private readonly logger: Logger;
  private readonly metrics: ServiceMetrics | undefined;
  private readonly jetstream: JetStreamClient;
  private readonly ackWaitMs: number;
  private readonly duplicateWindowMs: number;
  private readonly eventMaxAgeMs: number;
  private readonly replicas: number;
  private readonly maxInFlight: number;
  private readonly isClosing: () => boolean;
  private readonly subscribers: Subscriber[] = [];
  private readonly deadLetterListeners = new Set<(deadLetter: DeadLetter) => void>();

  constructor(
    private readonly connection: NatsConnection,
    private readonly manager: JetStreamManager,
    /** Where JetStream's confirmations of this bus's publications arrive. */
    private readonly replies: NatsReplies,
    options: NatsEventsOptions,
  ) {
    this.subjectPrefix = options.subjectPrefix;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.streamName = options.streamName ?? defaultStreamName;
    this.deadLetterStreamName = options.deadLetterStreamName ?? defaultDeadLetterStreamName;
    this.ackWaitMs = options.ackWaitMs ?? defaultAckWaitMs;
    this.duplicateWindowMs = options.duplicateWindowMs ?? 120_000;
    this.eventMaxAgeMs = options.eventMaxAgeMs ?? 7 * dayMs;
    this.replicas = options.replicas ?? 1;
    this.maxInFlight = options.maxInFlight ?? 64;
    this.isClosing = options.isClosing;
    this.jetstream = manager.jetstream();
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

  /** Resolves once JetStream has stored the event; a copy with a known id is dropped by the broker. */
  async publish(event: CloudEvent): Promise<void> {
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

  async subscribe(consumer: string, handlers: EventHandlers, options: SubscribeOptions = {}): Promise<void> {
    assertConsumerName(consumer);
    const { maxDeliveries, backoffMs } = deliveryLimitsOf(options);
    for (const [eventType, handler] of Object.entries(handlers)) {
      assertEventType(eventType);
      // A batch handler's limits are checked before anything is taken for it.
      if (isBatchHandler(handler)) batchWaitMsOf(handler);
      const subscriber: Subscriber = {
        consumer,
        durable: `${consumer}--${eventType.replaceAll('.', '_')}`,
        eventType,
        handler,
        maxDeliveries,
        backoffMs,
        messages: undefined,
        loop: Promise.resolve(),
        inFlight: new Set(),
        // A batch handler may hold a full batch while the previous one is being applied.
        maxTaken: isBatchHandler(handler)
          ? Math.max(this.maxInFlight, 2 * batchSizeOf(handler))
          : this.maxInFlight,
        taken: 0,
        buffer: [],
        flushScheduled: false,
        bufferedSince: 0,
        batchRunning: false,
      };
      // The consumer exists before `subscribe` returns, so no event published after it is missed.
      const jetstreamConsumer = await this.ensureConsumer(subscriber);
      subscriber.messages = await jetstreamConsumer.consume({ max_messages: subscriber.maxTaken });
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
    while (!this.isClosing()) {
      try {
        if (!jetstreamConsumer) {
          jetstreamConsumer = await this.ensureConsumer(subscriber);
          subscriber.messages = await jetstreamConsumer.consume({ max_messages: subscriber.maxTaken });
          // `close` may have run while the consumer was being set up, and closed only the old messages.
          if (this.isClosing()) {
            await subscriber.messages.close();
            return;
          }
        }
        const messages = subscriber.messages!;
        for await (const message of messages) {
          while (subscriber.taken >= subscriber.maxTaken) await Promise.race(subscriber.inFlight);
          subscriber.taken += 1;
          if (isBatchHandler(subscriber.handler)) {
            this.collect(subscriber, subscriber.handler, message);
          } else {
            this.track(subscriber, 1, this.process(subscriber, subscriber.handler, message));
          }
        }
      } catch (error) {
        if (this.isClosing()) return;
        this.logger.error(
          { err: error, consumer: subscriber.consumer },
          'event consumer stopped; restarting',
        );
      }
      if (this.isClosing()) return;
      await subscriber.messages?.close().catch(() => undefined);
      jetstreamConsumer = undefined;
      await new Promise((resolve) => setTimeout(resolve, consumerRestartDelayMs));
    }
  }

  /** Counts `count` taken messages as settled once `processing` ends. */
  private track(subscriber: Subscriber, count: number, processing: Promise<void>): void {
    subscriber.inFlight.add(processing);
    void processing.finally(() => {
      subscriber.inFlight.delete(processing);
      subscriber.taken -= count;
    });
  }

  /**
   * Buffers a message for a batch handler. The messages that arrive in one turn of the
   * event loop (a pull's answer), or within the handler's `maxWaitMs` of the first, go into
   * one batch, which starts in the next turn after that; while a batch is being applied,
   * what arrives waits and makes the next one, so under load batches grow rather than
   * transactions multiply.
   */
  private collect(subscriber: Subscriber, handler: EventBatchHandler, message: JsMsg): void {
    if (subscriber.buffer.length === 0) subscriber.bufferedSince = performance.now();
    subscriber.buffer.push(message);
    if (subscriber.batchRunning) return;
    // A full batch starts at once: the loop that takes messages may wait for it to end.
    if (subscriber.buffer.length >= batchSizeOf(handler)) {
      this.flush(subscriber, handler);
      return;
    }
    this.scheduleFlush(subscriber, handler);
  }

  /** Starts the next batch in the next turn, or once the oldest buffered message waited `maxWaitMs`. */
  private scheduleFlush(subscriber: Subscriber, handler: EventBatchHandler): void {
    if (subscriber.flushScheduled) return;
    subscriber.flushScheduled = true;
    const start = () => {
      subscriber.flushScheduled = false;
      this.flush(subscriber, handler);
    };
    // Buffered messages are not yet kept alive as `working`: they wait well within the ack wait.
    const waitMs = Math.min(batchWaitMsOf(handler), Math.floor(this.ackWaitMs / 4));
    if (waitMs === 0) setImmediate(start);
    else setTimeout(start, Math.max(0, subscriber.bufferedSince + waitMs - performance.now()));
  }

  /** Starts the next batch, unless one is being applied (its end starts the next). */
  private flush(subscriber: Subscriber, handler: EventBatchHandler): void {
    if (subscriber.batchRunning || subscriber.buffer.length === 0) return;
    const messages = subscriber.buffer.splice(0, batchSizeOf(handler));
    // What stays behind waits at most `maxWaitMs` more.
    subscriber.bufferedSince = performance.now();
    subscriber.batchRunning = true;
    const processing = this.processBatch(subscriber, handler, messages).finally(() => {
      subscriber.batchRunning = false;
      if (subscriber.buffer.length >= batchSizeOf(handler)) this.flush(subscriber, handler);
      else if (subscriber.buffer.length > 0) this.scheduleFlush(subscriber, handler);
    });
    this.track(subscriber, messages.length, processing);
  }

  /**
   * The event a delivered message carries, or undefined when the message is dead-lettered
   * (unreadable, or its last allowed delivery ended without a verdict) or acknowledged
   * unhandled (of another type).
   */
  private async admit(
    subscriber: Subscriber,
    message: JsMsg,
  ): Promise<{ event: CloudEvent; attempt: number } | undefined> {
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
      return undefined;
    }
    if (attempt > subscriber.maxDeliveries) {
      // The previous, last allowed delivery ended without a verdict (its process died).
      await this.deadLetter(subscriber, message, {
        consumer: subscriber.consumer,
        event,
        attempts: attempt - 1,
        error: 'the last delivery was never acknowledged',
      });
      return undefined;
    }
    if (event.type !== subscriber.eventType) {
      this.settle(message, 'ack');
      return undefined;
    }
    return { event, attempt };
  }

  /**
   * While handlers slower than the ack wait run, tells the server they are still working,
   * rather than have their events redelivered to another replica meanwhile. Returns the stop.
   */
  private keepWorking(messages: readonly JsMsg[]): () => void {
    const heartbeat = setInterval(
      () => {
        for (const message of messages) this.settle(message, 'working');
      },
      Math.max(this.ackWaitMs / 2, 100),
    );
    heartbeat.unref();
    return () => clearInterval(heartbeat);
  }

  /** Handles one delivery; never throws, so one bad event cannot stop the loop. */
  private async process(subscriber: Subscriber, handler: EventHandler, message: JsMsg): Promise<void> {
    const admitted = await this.admit(subscriber, message);
    if (!admitted) return;
    const { event, attempt } = admitted;
    const stopWorking = this.keepWorking([message]);
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
      stopWorking();
    }
    await this.conclude(subscriber, message, event, attempt, failed, failure);
  }

  /** Handles a batch of deliveries, each settled by its own outcome; never throws. */
  private async processBatch(
    subscriber: Subscriber,
    handler: EventBatchHandler,
    messages: readonly JsMsg[],
  ): Promise<void> {
    const admitted = await Promise.all(messages.map((message) => this.admit(subscriber, message)));
    const delivered = messages.flatMap((message, index) => {
      const item = admitted[index];
      return item === undefined ? [] : [{ message, ...item }];
    });
    if (delivered.length === 0) return;
    const stopWorking = this.keepWorking(delivered.map(({ message }) => message));
    let outcomes: Awaited<ReturnType<typeof deliverEventBatch>>;
    try {
      outcomes = await deliverEventBatch(handler, delivered, {
        consumer: subscriber.consumer,
        metrics: this.metrics,
        logger: this.logger,
      });
    } finally {
      stopWorking();
    }
    await Promise.all(
      delivered.map(({ message, event, attempt }, index) => {
        const outcome = outcomes[index]!;
        return this.conclude(
          subscriber,
          message,
          event,
          attempt,
          outcome.failed,
          outcome.failed ? outcome.failure : undefined,
        );
      }),
    );
  }

  /** Acknowledges a handled event, or asks for its redelivery after its backoff, or dead-letters it. */
  private async conclude(
    subscriber: Subscriber,
    message: JsMsg,
    event: CloudEvent,
    attempt: number,
    failed: boolean,
    failure: unknown,
  ): Promise<void> {
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

  /** Stops taking events; those already taken go on (see `running`). */
  async stopConsuming(): Promise<void> {
    await Promise.allSettled(this.subscribers.map((subscriber) => subscriber.messages?.close()));
    // Messages taken for a batch are handled, each batch after the one before.
    for (const subscriber of this.subscribers) {
      if (isBatchHandler(subscriber.handler)) this.flush(subscriber, subscriber.handler);
    }
  }

  /**
   * The consumer loops and the events being handled now. A loop waiting for a free slot
   * ends only when a handler does, so the loops are awaited with the handlers.
   */
  running(): Promise<void>[] {
    return this.subscribers.flatMap((subscriber) => [subscriber.loop, ...subscriber.inFlight]);
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
