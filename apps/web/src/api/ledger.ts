import { type ApiClient, answerOf, type DownloadedFile } from './client';
import type { Page, SavingsPlan, TransactionType, Transfer, TransferResult, Wallet } from './types';

export function listWallets(client: ApiClient, signal?: AbortSignal): Promise<Page<Wallet>> {
  return answerOf(
    client.api.GET('/v1/wallets', { params: { query: { limit: 100 } }, ...signalOption(signal) }),
  );
}

export function getWallet(client: ApiClient, walletId: string, signal?: AbortSignal): Promise<Wallet> {
  return answerOf(
    client.api.GET('/v1/wallets/{id}', { params: { path: { id: walletId } }, ...signalOption(signal) }),
  );
}

export interface TransferRequest {
  from_wallet_id: string;
  to_user: string;
  amount: number;
  description?: string;
}

export function createTransfer(
  client: ApiClient,
  transfer: TransferRequest,
  idempotencyKey: string,
): Promise<TransferResult> {
  return answerOf(
    client.api.POST('/v1/transfers', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: transfer,
    }),
  );
}

export interface TransactionFilters {
  wallet_id?: string;
  /** RFC 3339, inclusive. */
  from?: string;
  /** RFC 3339, exclusive. */
  to?: string;
  type?: TransactionType;
  direction?: 'in' | 'out';
  /** Words of the other person's name or user name. */
  counterparty?: string;
  /** Words of the note. */
  q?: string;
  /** Minor units, inclusive. */
  min_amount?: number;
  max_amount?: number;
}

/** A wallet's statement of one UTC month (`2026-11`), as a CSV or PDF file to save. */
export function downloadStatement(
  client: ApiClient,
  walletId: string,
  month: string,
  format: 'csv' | 'pdf',
): Promise<DownloadedFile> {
  return client.getFile(`/v1/wallets/${encodeURIComponent(walletId)}/statement`, {
    query: { month, format },
  });
}

/** The PDF receipt of one transaction. */
export function downloadTransactionReceipt(client: ApiClient, transferId: string): Promise<DownloadedFile> {
  return client.getFile(`/v1/transactions/${encodeURIComponent(transferId)}/receipt`);
}

export function listTransactions(
  client: ApiClient,
  filters: TransactionFilters & { limit?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<Page<Transfer>> {
  return answerOf(
    client.api.GET('/v1/transactions', { params: { query: { ...filters } }, ...signalOption(signal) }),
  );
}

export function getTransaction(
  client: ApiClient,
  transferId: string,
  signal?: AbortSignal,
): Promise<Transfer> {
  return answerOf(
    client.api.GET('/v1/transactions/{id}', {
      params: { path: { id: transferId } },
      ...signalOption(signal),
    }),
  );
}

export function listSavingsPlans(client: ApiClient, signal?: AbortSignal): Promise<{ data: SavingsPlan[] }> {
  return answerOf(client.api.GET('/v1/savings-plans', signalOption(signal)));
}

export function selectSavingsPlan(
  client: ApiClient,
  walletId: string,
  planId: string | null,
): Promise<Wallet> {
  return answerOf(
    client.api.PUT('/v1/wallets/{id}/savings-plan', {
      params: { path: { id: walletId } },
      body: { plan_id: planId },
    }),
  );
}

export function withdrawSavings(
  client: ApiClient,
  walletId: string,
  amount: number,
  idempotencyKey: string,
): Promise<TransferResult> {
  return answerOf(
    client.api.POST('/v1/wallets/{id}/savings/withdraw', {
      params: { path: { id: walletId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { amount },
    }),
  );
}

export function signalOption(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal === undefined ? {} : { signal };
}
