import type { ApiClient } from './client';
import { signalOption } from './ledger';
import type { BillResult, Invoice, Page, ReportSummary } from './types';

export interface BillRequest {
  to_user: string;
  amount: number;
  wallet_id?: string;
  description?: string;
}

export function payBill(client: ApiClient, bill: BillRequest, idempotencyKey: string): Promise<BillResult> {
  return client.post<BillResult>('/v1/bills', bill, { idempotencyKey });
}

export function listInvoices(
  client: ApiClient,
  filters: { role?: 'payer' | 'payee'; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Invoice>> {
  return client.get<Page<Invoice>>('/v1/invoices', { query: { ...filters }, ...signalOption(signal) });
}

export function getInvoice(client: ApiClient, invoiceId: string, signal?: AbortSignal): Promise<Invoice> {
  return client.get<Invoice>(`/v1/invoices/${encodeURIComponent(invoiceId)}`, signalOption(signal));
}

/** `from` and `to` are calendar days (YYYY-MM-DD), both included. */
export function getReportSummary(
  client: ApiClient,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<ReportSummary> {
  return client.get<ReportSummary>('/v1/reports/summary', { query: { from, to }, ...signalOption(signal) });
}
