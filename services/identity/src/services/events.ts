import { type ContractEvent, createContractEvent, enqueueEvent } from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor } from '../database.js';

export type { TraceContext } from '@moneypal/kit';

/** Writes an identity event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: ContractEvent<Schema>,
): Promise<void> {
  await enqueueEvent(trx, createContractEvent('identity', event));
}
