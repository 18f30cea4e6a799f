import { type ApiClient, answerOf, type DownloadedFile } from './client';
import { signalOption } from './ledger';
import type { BillResult, Invoice, Page, ReportSummary, Transfer } from './types';

export interface BillRequest {
  to_user: string;
  amount: number;
  wallet_id?: string;
  description?: string;
  /** Into escrow: the money is held for the provider until the payer releases it. */
  escrow?: boolean;
  /** With `escrow`: when the money goes back to the payer unless released before (RFC 3339). */
  expires_at?: string;
}

export function payBill(client: ApiClient, bill: BillRequest, idempotencyKey: string): Promise<BillResult> {
  return answerOf(
    client.api.POST('/v1/bills', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: bill }),
  );
}

export function listInvoices(
  client: ApiClient,
  filters: { role?: 'payer' | 'payee'; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Invoice>> {
  return answerOf(
    client.api.GET('/v1/invoices', { params: { query: { ...filters } }, ...signalOption(signal) }),
  );
}

export function getInvoice(client: ApiClient, invoiceId: string, signal?: AbortSignal): Promise<Invoice> {
  return answerOf(
    client.api.GET('/v1/invoices/{id}', { params: { path: { id: invoiceId } }, ...signalOption(signal) }),
  );
}

/** `from` and `to` are calendar days (YYYY-MM-DD), both included. */
export function getReportSummary(
  client: ApiClient,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<ReportSummary> {
  return answerOf(
    client.api.GET('/v1/reports/summary', { params: { query: { from, to } }, ...signalOption(signal) }),
  );
}

/** The invoices scanned for a transaction's own, newest first: a person's recent bills. */
const invoicePagesScanned = 5;

/**
 * The invoice a bill's movement belongs to: the one it paid (`transfer_id`) or, for an escrow
 * bill, the one of its hold (`hold_id`); null when none of the person's recent invoices is.
 */
export async function findInvoiceOf(
  client: ApiClient,
  transfer: Transfer,
  role: 'payer' | 'payee',
  signal?: AbortSignal,
): Promise<Invoice | null> {
  let cursor: string | undefined;
  for (let page = 0; page < invoicePagesScanned; page += 1) {
    const invoices = await listInvoices(
      client,
      { role, limit: 100, ...(cursor === undefined ? {} : { cursor }) },
      signal,
    );
    const found = invoices.data.find(
      (invoice) =>
        invoice.transfer_id === transfer.id ||
        (transfer.hold_id !== undefined && invoice.hold_id === transfer.hold_id),
    );
    if (found !== undefined) return found;
    if (invoices.next_cursor === null) return null;
    cursor = invoices.next_cursor;
  }
  return null;
}

/** The PDF receipt of one invoice. */
export function downloadInvoiceReceipt(client: ApiClient, invoiceId: string): Promise<DownloadedFile> {
  return client.getFile(`/v1/invoices/${encodeURIComponent(invoiceId)}/receipt`);
}
