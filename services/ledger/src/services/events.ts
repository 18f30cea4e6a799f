import { type CloudEvent, createEvent, enqueueEvent } from '@moneypal/kit';
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

/** A ledger event, its data checked against its contract. */
export function ledgerEvent<Schema extends z.ZodType>(event: EventToWrite<Schema>): CloudEvent {
  const context = {
    ...(event.trace?.requestId ? { requestId: event.trace.requestId } : {}),
    ...(event.trace?.traceparent ? { traceparent: event.trace.traceparent } : {}),
  };
  return createEvent({
    source: 'ledger',
    type: event.type,
    subject: event.subject,
    data: event.schema.parse(event.data),
    context,
    time: event.time,
  });
}

/** Writes a ledger event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: EventToWrite<Schema>,
): Promise<void> {
  await enqueueEvent(trx, ledgerEvent(event));
}
