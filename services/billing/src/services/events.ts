import { invoiceEventData } from '@moneypal/contracts';
import { type CloudEvent, type ContractEvent, createContractEvent, enqueueEvent } from '@moneypal/kit';
import type { z } from 'zod';
import type { Executor } from '../database.js';
import { type InvoiceRecord, toPublicInvoice } from '../domain/invoice.js';

export type { TraceContext } from '@moneypal/kit';

/** A billing event, its data checked against its contract. */
export function billingEvent<Schema extends z.ZodType>(event: ContractEvent<Schema>): CloudEvent {
  return createContractEvent('billing', event);
}

/** Writes a billing event into the outbox; call it with the transaction that makes the change. */
export async function writeEvent<Schema extends z.ZodType>(
  trx: Executor,
  event: ContractEvent<Schema>,
): Promise<void> {
  await enqueueEvent(trx, billingEvent(event));
}

/**
 * Writes a `billing.invoice.*` event carrying the invoice as it is after the change (and,
 * for a refund, that refund).
 */
export async function writeInvoiceEvent(
  trx: Executor,
  type: string,
  invoice: InvoiceRecord,
  trace: ContractEvent<z.ZodType>['trace'],
  refund?: { id: string; amount: number },
): Promise<void> {
  await writeEvent(trx, {
    type,
    schema: invoiceEventData,
    subject: invoice.id,
    data: { invoice: toPublicInvoice(invoice), ...(refund === undefined ? {} : { refund }) },
    time: invoice.updated_at,
    trace,
  });
}
