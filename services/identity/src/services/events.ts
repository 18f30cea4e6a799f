import { createEvent, enqueueEvent } from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor } from '../database.js';

/** The request that caused a change, carried into the events it writes so logs can follow it. */
export interface TraceContext {
  requestId?: string | undefined;
  traceparent?: string | undefined;
}

export interface EventToWrite<Schema extends z.ZodType> {
  type: string;
  /** The contract of the event's data: what is written is checked against it. */
  schema: Schema;
  subject: string;
  data: z.input<Schema>;
  time: Date;
  trace?: TraceContext | undefined;
}

/** Writes an identity event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: EventToWrite<Schema>,
): Promise<void> {
  const context = {
    ...(event.trace?.requestId ? { requestId: event.trace.requestId } : {}),
    ...(event.trace?.traceparent ? { traceparent: event.trace.traceparent } : {}),
  };
  await enqueueEvent(
    trx,
    createEvent({
      source: 'identity',
      type: event.type,
      subject: event.subject,
      data: event.schema.parse(event.data),
      context,
      time: event.time,
    }),
  );
}
