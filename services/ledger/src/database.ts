import {
  type MessagingTables,
  messagingMigration,
  readSqlMigrations,
  type SqlMigration,
} from '@moneypal/kit';
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { HoldRecord } from './domain/hold.js';
import type { AccountKind, SystemAccountCode, WalletRecord, WalletStatus } from './domain/wallet.js';

/** A `date` column: written as 'YYYY-MM-DD', read back as a Date (midnight UTC) or a string by driver. */
type DateColumn = ColumnType<Date | string, string, string>;

export interface WalletTypeRow {
  code: string;
  name: string;
  created_at: Generated<Date>;
}

export interface SavingsPlanRow {
  id: string;
  name: string;
  kind: 'flat' | 'percentage';
  value: bigint;
  created_at: Date;
}

export interface AccountRow {
  id: string;
  wallet_id: string | null;
  kind: AccountKind;
  system_code: SystemAccountCode | null;
  currency: string;
  balance: bigint;
  last_entry_at: Date | null;
  created_at: Date;
}

export interface TransferRow {
  id: string;
  type: string;
  amount: bigint;
  currency: string;
  description: string | null;
  metadata: ColumnType<Record<string, string>, string, string>;
  from_wallet_id: string | null;
  to_wallet_id: string | null;
  from_owner_id: string | null;
  to_owner_id: string | null;
  initiator_id: string | null;
  idempotency_scope: string;
  idempotency_key: string;
  created_at: Date;
  /** On a reversal only: the transfer it reverses. */
  reversal_of: string | null;
  /** On a hold and its settlement only: the hold. */
  hold_id: string | null;
}

export interface EntryRow {
  id: string;
  seq: Generated<bigint>;
  transfer_id: string;
  account_id: string;
  amount: bigint;
  balance_after: bigint;
  created_at: Date;
}

export interface TransactionRuleRow {
  id: string;
  wallet_type: string;
  transaction_type: string;
  min_amount: bigint | null;
  max_amount: bigint | null;
  daily_total: bigint | null;
  daily_count: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface DailyUsageRow {
  wallet_id: string;
  transaction_type: string;
  day: DateColumn;
  total: bigint;
  count: number;
}

export interface IdempotencyRow {
  scope: string;
  key: string;
  operation: string;
  request_hash: string;
  response: ColumnType<unknown, string, string>;
  created_at: Date;
}

export interface DeletedOwnerRow {
  owner_id: string;
  deleted_at: Date;
}

export interface OwnerNameRow {
  owner_id: string;
  display_name: string;
  user_name: string;
  updated_at: Date;
}

export interface WalletStatusChangeRow {
  id: string;
  wallet_id: string;
  from_status: WalletStatus;
  to_status: WalletStatus;
  reason: string;
  changed_by: string;
  changed_at: Date;
}

export interface HoldRow extends Omit<HoldRecord, 'metadata'> {
  metadata: ColumnType<Record<string, string>, string, string>;
  /** Until when an expiry sweeper has taken the hold; another sweeper takes it after. */
  expiry_lease_until: Date | null;
}

/** The ledger database as Kysely sees it; migrations/ is the source of truth. */
export interface LedgerTables extends MessagingTables {
  wallet_types: WalletTypeRow;
  savings_plans: SavingsPlanRow;
  wallets: WalletRecord;
  accounts: AccountRow;
  transfers: TransferRow;
  entries: EntryRow;
  transaction_rules: TransactionRuleRow;
  daily_usage: DailyUsageRow;
  idempotency_keys: IdempotencyRow;
  deleted_owners: DeletedOwnerRow;
  owner_names: OwnerNameRow;
  wallet_status_changes: WalletStatusChangeRow;
  holds: HoldRow;
}

export type LedgerDatabase = Kysely<LedgerTables>;

/** A connection or an open transaction (a `Transaction` is a `Kysely`): every repository function's first argument. */
export type Executor = Kysely<LedgerTables>;

/** The outbox and inbox tables first, then this service's own migrations in name order. */
export async function ledgerMigrations(): Promise<SqlMigration[]> {
  return [messagingMigration, ...(await readSqlMigrations(new URL('../migrations/', import.meta.url)))];
}
