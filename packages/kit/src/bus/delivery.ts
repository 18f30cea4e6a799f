import { newId } from '../ids.js';
import { type Logger, withoutStatementValues } from '../logger.js';
import type { ServiceMetrics } from '../observability/metrics.js';
import { endSpan, runInSpan, startSpan, traceparentOf } from '../observability/tracing.js';
import {
  type CloudEvent,
  type DeadLetter,
  defaultBackoffMs,
  defaultEventBatchSize,
  defaultMaxDeliveries,
  type EventBatchHandler,
  type EventHandler,
  type MessageContext,
  type SubscribeOptions,
} from './types.js';

/**
 * Rules that every bus implementation applies to event delivery the same way, so that
 * the in-process bus and the NATS bus pass one contract test suite.
 */

/**
 * Consumer names become JetStream durable names, which may not contain dots, spaces or
 * wildcards; the in-process bus refuses the same names so a bad name fails locally too.
 */
const consumerNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

export function assertConsumerName(consumer: string): void {
  if (!consumerNamePattern.test(consumer)) {
    throw new RangeError(`invalid consumer name ${JSON.stringify(consumer)}: use letters, digits, _ and -`);
  }
}

/** Event types become subject tokens, so each dot-separated part must be a plain word. */
const eventTypePattern = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export function assertEventType(type: string): void {
  if (!eventTypePattern.test(type)) {
    throw new RangeError(`invalid event type ${JSON.stringify(type)}: use dot-separated words`);
  }
}

/** A subscription's delivery limits, with the defaults for what it leaves out. */
export function deliveryLimitsOf(options: SubscribeOptions): Required<SubscribeOptions> {
  return {
    maxDeliveries: options.maxDeliveries ?? defaultMaxDeliveries,
    backoffMs: options.backoffMs ?? defaultBackoffMs,
  };
}

/** The wait before redelivering after the given failed attempt (1-based); the last value repeats. */
export function redeliveryDelayMs(backoffMs: readonly number[], attempt: number): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(Math.max(attempt, 1), backoffMs.length) - 1]!;
}

/** True when a decoded message has the fields every consumer relies on. */
export function isCloudEvent(value: unknown): value is CloudEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Record<string, unknown>;
  return (
    event.specversion === '1.0' &&
    typeof event.id === 'string' &&
    event.id.length > 0 &&
    typeof event.type === 'string' &&
    typeof event.source === 'string' &&
    'data' in event
  );
}

/** The request context an event carries from the request that caused it. */
export function contextOf(event: CloudEvent): MessageContext {
  return {
    requestId: event.requestid ?? event.id,
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
  };
}

/**
 * Hands one delivery of an event to its handler, as every bus implementation does: in a
 * span that continues the trace of the request that caused the event, with a context
 * carrying that span on (to the events and requests the handler makes), counted by
 * outcome and, after the first attempt, as a redelivery, and logged with the request id
 * and trace of its cause. Rejects as the handler does.
 */
export async function deliverEvent(
  handler: EventHandler,
  event: CloudEvent,
  delivery: {
    consumer: string;
    attempt: number;
    metrics: ServiceMetrics | undefined;
    logger: Logger | undefined;
  },
): Promise<void> {
  const { consumer, attempt, metrics, logger } = delivery;
  const startedAt = performance.now();
  const labels = { type: event.type, consumer };
  if (attempt > 1) metrics?.eventRedeliveries.inc(labels);
  const caused = contextOf(event);
  const span = startSpan(`${event.type} process`, {
    kind: 'consumer',
    parent: caused.traceparent,
    attributes: {
      'messaging.operation.type': 'process',
      'messaging.destination.name': event.type,
      'messaging.consumer.group.name': consumer,
      'messaging.message.id': event.id,
      'moneypal.attempt': attempt,
    },
  });
  const context: MessageContext = { requestId: caused.requestId, traceparent: traceparentOf(span) };
  await runInSpan(span, context.requestId, async () => {
    const finish = (outcome: 'ok' | 'failed', failure?: unknown) => {
      metrics?.eventsHandled.inc({ ...labels, outcome });
      logger?.info(
        {
          consumer,
          event_id: event.id,
          event_type: event.type,
          attempt,
          outcome,
          duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
        },
        'event handled',
      );
      endSpan(span, failure);
    };
    try {
      await handler(event, { attempt, context });
    } catch (error) {
      finish('failed', error);
      throw error;
    }
    finish('ok');
  });
}

/** True for a handler that takes its events in batches. */
export function isBatchHandler(handler: EventHandler | EventBatchHandler): handler is EventBatchHandler {
  return typeof handler !== 'function';
}

/** How many events a batch handler takes at once. */
export function batchSizeOf(handler: EventBatchHandler): number {
  const size = handler.maxBatchSize ?? defaultEventBatchSize;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new RangeError('maxBatchSize must be a whole number of at least 1');
  }
  return size;
}

/** How long a batch handler's batch may wait for more events before it starts. */
export function batchWaitMsOf(handler: EventBatchHandler): number {
  const waitMs = handler.maxWaitMs ?? 0;
  if (!Number.isSafeInteger(waitMs) || waitMs < 0 || waitMs > 60_000) {
    throw new RangeError('maxWaitMs must be a whole number of milliseconds from 0 to 60000');
  }
  return waitMs;
}

/** One event of a batch as it is delivered, and how its delivery ended. */
export interface BatchItem {
  event: CloudEvent;
  attempt: number;
}

/** How each event of a batch ended: `failed` with what was thrown, or applied. */
export type BatchOutcome = { failed: false } | { failed: true; failure: unknown };

/**
 * Hands events of one type to a batch handler, as every bus implementation does. A batch
 * of several runs in one span and, when it fails as a whole, each event runs again alone
 * (as `deliverEvent` runs a single event, with its own span, count and log line), so that
 * a poison event fails by itself and the others are applied. Resolves with one outcome per
 * event, in order; never rejects.
 */
export async function deliverEventBatch(
  handler: EventBatchHandler,
  items: readonly BatchItem[],
  delivery: {
    consumer: string;
    metrics: ServiceMetrics | undefined;
    logger: Logger | undefined;
  },
): Promise<BatchOutcome[]> {
  const { consumer, metrics, logger } = delivery;
  const alone = (item: BatchItem): Promise<BatchOutcome> =>
    deliverEvent((event, one) => handler.handle([event], [one]), item.event, {
      ...delivery,
      attempt: item.attempt,
    })
      .then((): BatchOutcome => ({ failed: false }))
      .catch((failure: unknown): BatchOutcome => ({ failed: true, failure }));
  if (items.length === 1) return [await alone(items[0]!)];
  if (items.length === 0) return [];
  const type = items[0]!.event.type;
  const startedAt = performance.now();
  // Its events were caused by many requests: the batch starts a trace of its own.
  const span = startSpan(`${type} process`, {
    kind: 'consumer',
    parent: undefined,
    attributes: {
      'messaging.operation.type': 'process',
      'messaging.destination.name': type,
      'messaging.consumer.group.name': consumer,
      'messaging.batch.message_count': items.length,
    },
  });
  // The batch's events came from many requests; its own logs carry an id of their own.
  const requestId = newId();
  let failure: unknown;
  let failed = false;
  await runInSpan(span, requestId, async () => {
    try {
      // Each event keeps the request id and trace of its own cause, for what the handler writes.
      await handler.handle(
        items.map(({ event }) => event),
        items.map(({ event, attempt }) => ({ attempt, context: contextOf(event) })),
      );
    } catch (error) {
      failure = error;
      failed = true;
    }
    endSpan(span, failed ? failure : undefined);
  });
  logger?.info(
    {
      consumer,
      event_type: type,
      events: items.length,
      outcome: failed ? 'failed' : 'ok',
      duration_ms: Math.round((performance.now() - startedAt) * 10) / 10,
    },
    'event batch handled',
  );
  if (!failed) {
    for (const { event, attempt } of items) {
      if (attempt > 1) metrics?.eventRedeliveries.inc({ type: event.type, consumer });
      metrics?.eventsHandled.inc({ type: event.type, consumer, outcome: 'ok' });
    }
    return items.map(() => ({ failed: false }));
  }
  logger?.warn(
    { err: failure, consumer, event_type: type, events: items.length },
    'event batch failed; its events are handled one by one',
  );
  // Nothing of the batch was applied: one by one, each event meets its own failure, if any.
  return Promise.all(items.map(alone));
}

/** A one-line description of a failure, for dead letters and logs; no value a database refused. */
export function describeFailure(error: unknown): string {
  return withoutStatementValues(error instanceof Error ? error.message : String(error));
}

/** Logs and counts a dead letter and tells every listener; a failing listener is logged, never thrown. */
export function reportDeadLetter(
  deadLetter: DeadLetter,
  listeners: Iterable<(deadLetter: DeadLetter) => void>,
  logger: Logger | undefined,
  metrics?: ServiceMetrics,
): void {
  metrics?.deadLetters.inc({ type: deadLetter.event?.type ?? 'unreadable', consumer: deadLetter.consumer });
  logger?.error(
    {
      consumer: deadLetter.consumer,
      event_id: deadLetter.event?.id,
      event_type: deadLetter.event?.type,
      attempts: deadLetter.attempts,
      error: deadLetter.error,
    },
    'event dead-lettered',
  );
  for (const listener of listeners) {
    try {
      listener(deadLetter);
    } catch (error) {
      logger?.error({ err: error }, 'dead letter listener failed');
    }
  }
}
