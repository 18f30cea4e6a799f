import type { ErrorDetails } from '../errors.js';

/** A CloudEvents 1.0 event as MoneyPal publishes it (JSON, structured mode). */
export interface CloudEvent<Data = unknown> {
  specversion: '1.0';
  /** UUIDv7; the broker's dedup key and every consumer's inbox key. */
  id: string;
  /** The publishing service, e.g. `identity`. */
  source: string;
  /** e.g. `identity.user.created`. */
  type: string;
  /** RFC 3339 UTC. */
  time: string;
  /** The id of the resource the event is about. */
  subject: string;
  datacontenttype: 'application/json';
  data: Data;
  /** W3C trace context of the request that caused the event. */
  traceparent?: string;
  /** The request id of the request that caused the event, for logs. */
  requestid?: string;
}

/** What travels with every request and event besides its payload. */
export interface MessageContext {
  requestId: string;
  traceparent?: string;
}

export interface RequestOptions extends Partial<MessageContext> {
  /** How long to wait for a reply; the bus answers `unavailable` after it. */
  timeoutMs?: number;
}

export type RequestHandler = (payload: unknown, context: MessageContext) => Promise<unknown>;

export interface Delivery {
  /** 1 on first delivery, then 2, 3, … on redeliveries. */
  attempt: number;
  context: MessageContext;
}

/** Throwing (or rejecting) asks for redelivery; returning acknowledges the event. */
export type EventHandler = (event: CloudEvent, delivery: Delivery) => Promise<void>;

/**
 * A handler that takes the events of its type in batches: what is waiting when it is
 * free, up to `maxBatchSize`, or one event alone when there is no load. `handle` applies
 * a whole batch (one transaction, with its inbox rows) and returns to acknowledge every
 * event of it. When it throws, nothing of the batch may have been applied: each event is
 * then handed to it again alone, so that only the one that fails is redelivered and, in
 * the end, dead-lettered.
 */
export interface EventBatchHandler {
  handle(events: readonly CloudEvent[], deliveries: readonly Delivery[]): Promise<void>;
  /** Most events in one batch; 100 when absent. */
  maxBatchSize?: number;
  /**
   * How long a networked bus lets a batch gather events before it starts, once its first
   * event arrived (a full batch starts at once); 0 when absent. A consumer whose effects
   * may lag a little trades that much latency for fewer, larger batches: each batch costs
   * its handler a transaction and its bus a span and a log line, whatever its size. The
   * NATS bus waits at most a quarter of its ack wait (the broker would deliver the events
   * again after it); the in-process bus, whose deliveries cost nothing, starts batches at
   * once.
   */
  maxWaitMs?: number;
}

/** Maps event types to their handler: one event at a time, or in batches. */
export type EventHandlers = Record<string, EventHandler | EventBatchHandler>;

export interface SubscribeOptions {
  /** Deliveries before an event is dead-lettered. */
  maxDeliveries?: number;
  /** Wait before each redelivery; the last value repeats. */
  backoffMs?: number[];
}

/** The wire shape of a reply: a result, or an error with a code from `errorCodes`. */
export type ReplyEnvelope =
  | { ok: true; data: unknown }
  | { ok: false; error: { code: string; message: string; details?: ErrorDetails } };

export interface DeadLetter {
  consumer: string;
  /** The event, or null when the message was not a readable event (then `body` holds it). */
  event: CloudEvent | null;
  /** The raw message body, present only when it could not be read as an event. */
  body?: string;
  attempts: number;
  error: string;
}

/**
 * The one messaging interface of MoneyPal (ARCHITECTURE.md §3). Request/reply is
 * load-balanced over every bus connected with the same service name; events are
 * durable per consumer name and delivered at least once.
 */
export interface Bus {
  readonly service: string;
  request(subject: string, payload: unknown, options?: RequestOptions): Promise<unknown>;
  handle(subject: string, handler: RequestHandler): Promise<void>;
  /** Called by the outbox relay only. Resolves once the bus has taken the event durably. */
  publish(event: CloudEvent): Promise<void>;
  /**
   * One durable subscription per consumer name (letters, digits, `_` and `-`); `handlers`
   * maps event types to handlers, each taking events one by one or in batches. Events of
   * other types are acknowledged unhandled.
   */
  subscribe(consumer: string, handlers: EventHandlers, options?: SubscribeOptions): Promise<void>;
  /** Events that exhausted their deliveries on this connection's subscriptions, as they are dead-lettered. */
  onDeadLetter(listener: (deadLetter: DeadLetter) => void): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const defaultRequestTimeoutMs = 5_000;
/** Most events handed to an `EventBatchHandler` at once, unless it says otherwise. */
export const defaultEventBatchSize = 100;
/**
 * An event a consumer keeps failing is tried again for about 70 minutes before it becomes
 * a dead letter: long enough to ride out a database or service outage of ordinary length,
 * since a dead money event (a captured payment) waits for an operator.
 */
export const defaultMaxDeliveries = 20;
export const defaultBackoffMs = [1_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000];
