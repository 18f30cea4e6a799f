import { billingEvents } from '@moneypal/contracts';
import type { Executor } from '../database.js';
import type { InvoiceRecord, NewInvoice } from '../domain/invoice.js';
import type * as invoiceRepository from '../repositories/invoice.repository.js';
import { type TraceContext, writeInvoiceEvent } from './events.js';

/**
 * Issues an invoice in the caller's transaction: takes the next number (held until the
 * transaction ends, so a rollback leaves no gap), inserts it and writes
 * `billing.invoice.issued`, then `billing.invoice.paid` or `billing.invoice.cancelled` when
 * it is issued so.
 */
export async function issueInvoice(
  invoices: typeof invoiceRepository,
  trx: Executor,
  invoice: NewInvoice,
  trace: TraceContext | undefined,
): Promise<InvoiceRecord> {
  const issued: InvoiceRecord = {
    hold_id: null,
    hold_transfer_id: null,
    captured_amount: null,
    ...invoice,
    invoice_no: await invoices.takeInvoiceNo(trx),
  };
  await invoices.insertInvoice(trx, issued);
  await writeInvoiceEvent(trx, billingEvents.invoiceIssued, issued, trace);
  if (issued.status === 'paid') await writeInvoiceEvent(trx, billingEvents.invoicePaid, issued, trace);
  if (issued.status === 'cancelled') {
    await writeInvoiceEvent(trx, billingEvents.invoiceCancelled, issued, trace);
  }
  return issued;
}
