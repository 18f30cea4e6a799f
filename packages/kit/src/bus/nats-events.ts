import { createHash } from 'node:crypto';
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
import { maxCoalescedBytes } from './coalescing.js';
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

/**
 * The content type of a message that carries several events: CloudEvents' JSON batch
 * format, a JSON array of structured-mode events.
 */
export const eventBatchContentType = 'application/cloudevents-batch+json';

/** Events published to one subject in one turn of the event loop, waiting to travel together. */
interface PendingPublication {
  bodies: string[];
  ids: Set<string>;
  bytes: number;
  waiters: { id: string; resolve: () => void; reject: (error: unknown) => void }[];
}

/** A message as a consumer took it, with the events it carries (undefined when unreadable). */
interface Taken {
  message: JsMsg;
  events: CloudEvent[] | undefined;
}

/** One event of a delivered message, ready for its handler. */
interface Delivered {
  message: JsMsg;
  event: CloudEvent;
  attempt: number;
}

/**
 * A message admitted for a batch handler: its events may go in more than one batch, and it
 * is settled once the last of them is handled.
 */
interface Admitted {
  message: JsMsg;
  attempt: number;
  /** Its events not handled yet. */
  pending: number;
  failures: Failure[];
  /** Called once the message is settled. */
  settled: () => void;
}

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
  /** A batch handler's events taken since its last batch started, waiting for the next. */
  buffer: { admitted: Admitted; event: CloudEvent }[];
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
  private readonly publications = new Map<string, PendingPublication>();
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

  /**
   * Resolves once JetStream has stored the event. The events published to one type in the
   * same turn of the event loop (an outbox relay's group) travel as one message in
   * CloudEvents' batch format (ARCHITECTURE.md §3 "Batch at every hop"); an event alone in
   * its turn travels as a plain event. The broker drops a copy of a message stored with the
   * same id within its duplicate window (an event's id; a batch's id is made from its
   * events' ids); a copy that travels in another grouping reaches the consumers, whose
   * inboxes apply nothing twice.
   */
  publish(event: CloudEvent): Promise<void> {
    assertEventType(event.type);
    const subject = `${this.subjectPrefix}events.${event.type}`;
    const body = JSON.stringify(event);
    return new Promise<void>((resolve, reject) => {
      let turn = this.publications.get(subject);
      if (turn !== undefined && turn.bytes + body.length > maxCoalescedBytes) {
        // Full: it leaves now, and this event starts the next message of the turn.
        this.publications.delete(subject);
        void this.storeEvents(subject, turn);
        turn = undefined;
      }
      if (turn === undefined) {
        const started: PendingPublication = { bodies: [], ids: new Set(), bytes: 0, waiters: [] };
        turn = started;
        this.publications.set(subject, started);
        setImmediate(() => {
          if (this.publications.get(subject) !== started) return;
          this.publications.delete(subject);
          void this.storeEvents(subject, started);
        });
      }
      turn.waiters.push({ id: event.id, resolve, reject });
      if (turn.ids.has(event.id)) return;
      turn.ids.add(event.id);
      turn.bodies.push(body);
      turn.bytes += body.length;
    });
  }

  /** Stores one turn's events as one message, and settles each publication with the outcome. */
  private async storeEvents(subject: string, turn: PendingPublication): Promise<void> {
    try {
      if (turn.bodies.length === 1) {
        await this.store(subject, turn.bodies[0]!, turn.ids.values().next().value!);
      } else {
        await this.store(
          subject,
          `[${turn.bodies.join(',')}]`,
          batchMessageIdOf(turn.ids),
          eventBatchContentType,
        );
      }
    } catch (error) {
      for (const { id, reject } of turn.waiters) {
        reject(new AppError('unavailable', `event ${id} was not stored: ${describeFailure(error)}`));
      }
      return;
    }
    for (const { resolve } of turn.waiters) resolve();
  }

  /**
   * Publishes to a stream's subject and resolves once JetStream has stored the message (or
   * dropped it as a copy of one stored with the same `Nats-Msg-Id` within the duplicate
   * window): JetStream's publication protocol, a request answered by a PubAck.
   */
  private async store(subject: string, body: string, messageId: string, contentType?: string): Promise<void> {
    const headers = createHeaders();
    headers.set('Nats-Msg-Id', messageId);
    if (contentType !== undefined) headers.set('Content-Type', contentType);
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
          const taken: Taken = { message, events: decodeEvents(message) };
          if (isBatchHandler(subscriber.handler)) {
            this.track(subscriber, 1, this.collect(subscriber, subscriber.handler, taken));
          } else {
            this.track(subscriber, 1, this.process(subscriber, subscriber.handler, taken));
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
   * Buffers a message's events for a batch handler; resolves once the message is settled.
   * The events that arrive in one turn of the event loop (a pull's answer), or within the
   * handler's `maxWaitMs` of the first, go into one batch, which starts in the next turn
   * after that; while a batch is being applied, what arrives waits and makes the next one,
   * so under load batches grow rather than transactions multiply.
   */
  private async collect(subscriber: Subscriber, handler: EventBatchHandler, taken: Taken): Promise<void> {
    const delivered = await this.admit(subscriber, taken);
    if (delivered.length === 0) return;
    await new Promise<void>((settled) => {
      const admitted: Admitted = {
        message: taken.message,
        attempt: delivered[0]!.attempt,
        pending: delivered.length,
        failures: [],
        settled,
      };
      if (subscriber.buffer.length === 0) subscriber.bufferedSince = performance.now();
      for (const { event } of delivered) subscriber.buffer.push({ admitted, event });
      if (subscriber.batchRunning) return;
      // A full batch starts at once: the loop that takes messages may wait for it to end.
      if (subscriber.buffer.length >= batchSizeOf(handler)) {
        this.flush(subscriber, handler);
        return;
      }
      this.scheduleFlush(subscriber, handler);
    });
  }

  /** Starts the next batch in the next turn, or once the oldest buffered event waited `maxWaitMs`. */
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
    const batch = subscriber.buffer.splice(0, batchSizeOf(handler));
    // What stays behind waits at most `maxWaitMs` more.
    subscriber.bufferedSince = performance.now();
    subscriber.batchRunning = true;
    void this.processBatch(subscriber, handler, batch).finally(() => {
      subscriber.batchRunning = false;
      if (subscriber.buffer.length >= batchSizeOf(handler)) this.flush(subscriber, handler);
      else if (subscriber.buffer.length > 0) this.scheduleFlush(subscriber, handler);
    });
  }

  /**
   * The events of a delivered message its handler should get: none when the message is
   * dead-lettered (unreadable, or its last allowed delivery ended without a verdict) or
   * acknowledged unhandled (only events of another type).
   */
  private async admit(subscriber: Subscriber, { message, events }: Taken): Promise<Delivered[]> {
    const attempt = message.info.deliveryCount;
    if (!events) {
      await this.deadLetter(subscriber, message, [
        {
          consumer: subscriber.consumer,
          event: null,
          body: message.string(),
          attempts: attempt,
          error: 'the message is not a CloudEvent, or a batch of them, in JSON',
        },
      ]);
      return [];
    }
    if (attempt > subscriber.maxDeliveries) {
      // The previous, last allowed delivery ended without a verdict (its process died).
      await this.deadLetter(
        subscriber,
        message,
        events.map((event) => ({
          consumer: subscriber.consumer,
          event,
          attempts: attempt - 1,
          error: 'the last delivery was never acknowledged',
        })),
      );
      return [];
    }
    const delivered = events.flatMap((event) =>
      event.type === subscriber.eventType ? [{ message, event, attempt }] : [],
    );
    if (delivered.length === 0) this.settle(message, 'ack');
    return delivered;
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

  /** Handles one delivery, its events one after another; never throws, so one bad event cannot stop the loop. */
  private async process(subscriber: Subscriber, handler: EventHandler, taken: Taken): Promise<void> {
    const delivered = await this.admit(subscriber, taken);
    if (delivered.length === 0) return;
    const stopWorking = this.keepWorking([taken.message]);
    const failures: Failure[] = [];
    try {
      for (const { event, attempt } of delivered) {
        try {
          await deliverEvent(handler, event, {
            consumer: subscriber.consumer,
            attempt,
            metrics: this.metrics,
            logger: this.logger,
          });
        } catch (failure) {
          failures.push({ event, failure });
        }
      }
    } finally {
      stopWorking();
    }
    await this.conclude(subscriber, taken.message, delivered[0]!.attempt, failures);
  }

  /**
   * Handles a batch of events; a message is settled by the outcomes of its events once the
   * last of them is handled (it may have been split over batches). Never throws.
   */
  private async processBatch(
    subscriber: Subscriber,
    handler: EventBatchHandler,
    batch: readonly { admitted: Admitted; event: CloudEvent }[],
  ): Promise<void> {
    const messages = [...new Set(batch.map(({ admitted }) => admitted.message))];
    const stopWorking = this.keepWorking(messages);
    let outcomes: Awaited<ReturnType<typeof deliverEventBatch>>;
    try {
      outcomes = await deliverEventBatch(
        handler,
        batch.map(({ admitted, event }) => ({ event, attempt: admitted.attempt })),
        { consumer: subscriber.consumer, metrics: this.metrics, logger: this.logger },
      );
    } finally {
      stopWorking();
    }
    const finished: Admitted[] = [];
    batch.forEach(({ admitted, event }, index) => {
      const outcome = outcomes[index]!;
      if (outcome.failed) admitted.failures.push({ event, failure: outcome.failure });
      admitted.pending -= 1;
      if (admitted.pending === 0) finished.push(admitted);
    });
    await Promise.all(
      finished.map(async (admitted) => {
        await this.conclude(subscriber, admitted.message, admitted.attempt, admitted.failures);
        admitted.settled();
      }),
    );
  }

  /**
   * Acknowledges a message whose events were all handled; else asks for its redelivery after
   * its backoff (the events applied meanwhile are skipped by the consumer's inbox), or, on
   * its last allowed delivery, dead-letters the events that failed.
   */
  private async conclude(
    subscriber: Subscriber,
    message: JsMsg,
    attempt: number,
    failures: readonly Failure[],
  ): Promise<void> {
    if (failures.length === 0) {
      // Not waiting for the server's confirmation: an acknowledgement lost on the way only
      // brings the event again, and the consumer's inbox applies nothing twice.
      this.settle(message, 'ack');
      return;
    }
    if (attempt >= subscriber.maxDeliveries) {
      await this.deadLetter(
        subscriber,
        message,
        failures.map(({ event, failure }) => ({
          consumer: subscriber.consumer,
          event,
          attempts: attempt,
          error: describeFailure(failure),
        })),
      );
      return;
    }
    for (const { event, failure } of failures) {
      this.logger.warn(
        { err: failure, consumer: subscriber.consumer, event_id: event.id, event_type: event.type, attempt },
        'event handler failed; the event will be redelivered',
      );
    }
    this.settle(message, 'nak', redeliveryDelayMs(subscriber.backoffMs, attempt));
  }

  /**
   * Stores the dead letters of a message's events, then ends the message's deliveries. If
   * one cannot be stored, the message is redelivered later and dead-lettered then.
   */
  private async deadLetter(
    subscriber: Subscriber,
    message: JsMsg,
    deadLetters: readonly DeadLetter[],
  ): Promise<void> {
    try {
      await Promise.all(
        deadLetters.map((deadLetter, index) =>
          this.store(
            `${this.subjectPrefix}deadletter.${subscriber.consumer}`,
            JSON.stringify(deadLetter),
            // One dead letter per stored message, event and consumer, however often this runs.
            index === 0
              ? `${subscriber.consumer}:${message.seq}`
              : `${subscriber.consumer}:${message.seq}:${index}`,
          ),
        ),
      );
    } catch (error) {
      this.logger.error({ err: error, consumer: subscriber.consumer }, 'dead letter not stored');
      this.settle(message, 'nak', redeliveryDelayMs(subscriber.backoffMs, message.info.deliveryCount));
      return;
    }
    this.settle(message, 'term');
    for (const deadLetter of deadLetters) {
      reportDeadLetter(deadLetter, this.deadLetterListeners, this.logger, this.metrics);
    }
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

/** An event that failed its handler, and what the handler threw. */
interface Failure {
  event: CloudEvent;
  failure: unknown;
}

/**
 * The events a message carries: one, or several in CloudEvents' batch format (a JSON
 * array); undefined when the message is neither.
 */
function decodeEvents(message: JsMsg): CloudEvent[] | undefined {
  try {
    const value: unknown = message.json();
    if (Array.isArray(value)) return value.length > 0 && value.every(isCloudEvent) ? value : undefined;
    return isCloudEvent(value) ? [value] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The id under which a batch of events is stored, so that the same batch published again
 * within the duplicate window is dropped by the broker as a single event is.
 */
function batchMessageIdOf(ids: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const id of ids) hash.update(id).update('\n');
  return `batch:${hash.digest('base64url')}`;
}
