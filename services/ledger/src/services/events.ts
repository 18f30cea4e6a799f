import { type CloudEvent, type ContractEvent, createContractEvent, enqueueEvent } from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor } from '../database.js';

export type { TraceContext } from '@moneypal/kit';

/** A ledger event, its data checked against its contract. */
export function ledgerEvent<Schema extends z.ZodType>(event: ContractEvent<Schema>): CloudEvent {
  return createContractEvent('ledger', event);
}

/** Writes a ledger event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: ContractEvent<Schema>,
): Promise<void> {
  await enqueueEvent(trx, ledgerEvent(event));
}
