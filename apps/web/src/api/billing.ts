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
  filters: {
    role?: 'payer' | 'payee';
    transfer_id?: string;
    hold_id?: string;
    cursor?: string;
    limit?: number;
  },
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

/**
 * The invoice a bill's movement belongs to: the one it paid (`transfer_id`) or, for an escrow
 * bill, the one of its hold (`hold_id`); null when the movement has none.
 */
export async function findInvoiceOf(
  client: ApiClient,
  transfer: Transfer,
  role: 'payer' | 'payee',
  signal?: AbortSignal,
): Promise<Invoice | null> {
  // An escrow bill's invoice is found by its hold, which every movement of the hold carries.
  const movement =
    transfer.hold_id === undefined ? { transfer_id: transfer.id } : { hold_id: transfer.hold_id };
  const invoices = await listInvoices(client, { role, limit: 1, ...movement }, signal);
  return invoices.data[0] ?? null;
}

/** The PDF receipt of one invoice. */
export function downloadInvoiceReceipt(client: ApiClient, invoiceId: string): Promise<DownloadedFile> {
  return client.getFile(`/v1/invoices/${encodeURIComponent(invoiceId)}/receipt`);
}
