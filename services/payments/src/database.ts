import {
  type MessagingTables,
  messagingMigration,
  readSqlMigrations,
  type SqlMigration,
} from '@moneypal/kit';
import type { Kysely } from 'kysely';
import type { PaymentRecord } from './domain/payment.js';
import type { PayoutRecord } from './domain/payout.js';
import type { RefundRecord } from './domain/refund.js';

export interface WebhookReceiptRow {
  event_id: string;
  event_type: string;
  resource_id: string | null;
  payment_id: string | null;
  outcome: 'applied' | 'ignored';
  received_at: Date;
}

/** The payments database as Kysely sees it; migrations/ is the source of truth. */
export interface PaymentsTables extends MessagingTables {
  payments: PaymentRecord;
  refunds: RefundRecord;
  payouts: PayoutRecord;
  webhook_receipts: WebhookReceiptRow;
}

export type PaymentsDatabase = Kysely<PaymentsTables>;

/** A connection or an open transaction (a `Transaction` is a `Kysely`): every repository function's first argument. */
export type Executor = Kysely<PaymentsTables>;

/** The outbox and inbox tables first, then this service's own migrations in name order. */
export async function paymentsMigrations(): Promise<SqlMigration[]> {
  return [messagingMigration, ...(await readSqlMigrations(new URL('../migrations/', import.meta.url)))];
}
