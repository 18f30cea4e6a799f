import {
  type CloudEvent,
  type ContractEvent,
  createContractEvent,
  createEvent,
  enqueueEvent,
} from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor } from '../database.js';

export type { TraceContext } from '@moneypal/kit';

/** A ledger event, its data checked against its contract. */
export function ledgerEvent<Schema extends z.ZodType>(event: ContractEvent<Schema>): CloudEvent {
  return createContractEvent('ledger', event);
}

/**
 * A ledger event whose data the ledger built from its own typed records, in the shape its
 * contract outputs: the compiler checks it, and it is not parsed again at run time, since
 * the posting path writes thousands a second (the tests compare such events with their
 * contracts).
 */
export function builtLedgerEvent<Schema extends z.ZodType>(
  event: Omit<ContractEvent<Schema>, 'data'> & { data: z.output<Schema> },
): CloudEvent<z.output<Schema>> {
  return createEvent({
    source: 'ledger',
    type: event.type,
    subject: event.subject,
    data: event.data,
    ...(event.trace ? { context: event.trace } : {}),
    time: event.time,
  });
}

/** Writes a ledger event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: ContractEvent<Schema>,
): Promise<void> {
  await enqueueEvent(trx, ledgerEvent(event));
}
