import type { Logger } from '../logger.js';
import type { CloudEvent, DeadLetter, MessageContext } from './types.js';

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

/** A one-line description of a failure, for dead letters and logs. */
export function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Logs a dead letter and tells every listener; a failing listener is logged, never thrown. */
export function reportDeadLetter(
  deadLetter: DeadLetter,
  listeners: Iterable<(deadLetter: DeadLetter) => void>,
  logger: Logger | undefined,
): void {
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
