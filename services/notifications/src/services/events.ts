import { type CloudEvent, type ContractEvent, createContractEvent, enqueueEvent } from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor } from '../database.js';

/** A notifications event, its data checked against its contract. */
export function notificationsEvent<Schema extends z.ZodType>(event: ContractEvent<Schema>): CloudEvent {
  return createContractEvent('notifications', event);
}

/** Writes a notifications event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: ContractEvent<Schema>,
): Promise<void> {
  await enqueueEvent(trx, notificationsEvent(event));
}
