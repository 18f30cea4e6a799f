import {
  type MessagingTables,
  messagingMigration,
  readSqlMigrations,
  type SqlMigration,
} from '@moneypal/kit';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { InvoiceRecord } from './domain/invoice.js';
import type { PaymentRequestRecord } from './domain/payment-request.js';
import type { MovementDirection, MovementKind } from './domain/report.js';
import type { LedgerStep, ReversalStatus } from './domain/settlement.js';

/** A `date` column: written as 'YYYY-MM-DD'; read back through `::text`, never as a Date. */
type DateColumn = ColumnType<string, string, string>;

export interface InvoiceCounterRow {
  id: boolean;
  last_no: bigint;
}

export interface CaptureRow {
  payment_id: string;
  payer_id: string;
  wallet_id: string;
  provider_id: string | null;
  amount: bigint;
  currency: string;
  fund_transfer_id: string | null;
  settle_transfer_id: string | null;
  provider_wallet_id: string | null;
  refused_step: LedgerStep | null;
  refusal_code: string | null;
  refusal_message: string | null;
  applied_at: Date;
}

export interface RefundReversalRow {
  refund_id: string;
  payment_id: string;
  amount: bigint;
  status: ReversalStatus;
  settle_transfer_id: string | null;
  fund_transfer_id: string | null;
  failed_step: LedgerStep | null;
  failure_code: string | null;
  failure_message: string | null;
  applied_at: Date;
}

export interface ReportMovementRow {
  transfer_id: string;
  user_id: string;
  direction: MovementDirection;
  kind: MovementKind;
  currency: string;
  day: DateColumn;
  amount: bigint;
}

export interface PartyNameRow {
  user_id: string;
  display_name: string;
  user_name: string;
  updated_at: Date;
  deleted: Generated<boolean>;
}

/** A payment request as its table holds it: the attempts counter starts at 0. */
export type PaymentRequestRow = Omit<PaymentRequestRecord, 'refused_attempts'> & {
  refused_attempts: Generated<number>;
};

export interface PaymentRequestRefusalTableRow {
  payer_id: string;
  idempotency_key: string;
  payment_request_id: string;
  request_hash: string;
  code: string;
  message: string;
  /** Written as JSON text, read back as the value. */
  details: ColumnType<unknown, string | null, string | null>;
  refused_at: Date;
}

/** The billing database as Kysely sees it; migrations/ is the source of truth. */
export interface BillingTables extends MessagingTables {
  invoice_counter: InvoiceCounterRow;
  invoices: InvoiceRecord;
  captures: CaptureRow;
  refund_reversals: RefundReversalRow;
  report_movements: ReportMovementRow;
  party_names: PartyNameRow;
  payment_requests: PaymentRequestRow;
  payment_request_refusals: PaymentRequestRefusalTableRow;
}

export type BillingDatabase = Kysely<BillingTables>;

/** A connection or an open transaction (a `Transaction` is a `Kysely`): every repository function's first argument. */
export type Executor = Kysely<BillingTables>;

/** The outbox and inbox tables first, then this service's own migrations in name order. */
export async function billingMigrations(): Promise<SqlMigration[]> {
  return [messagingMigration, ...(await readSqlMigrations(new URL('../migrations/', import.meta.url)))];
}
