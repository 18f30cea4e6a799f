import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { LockedWallet } from '../domain/movement.js';
import type { LockedAccount } from '../domain/posting.js';
import type { TransactionLimits } from '../domain/rules.js';
import type { SavingsPlanKind } from '../domain/savings.js';
import type { AccountKind, SystemAccountCode, WalletBalances, WalletStatus } from '../domain/wallet.js';

/**
 * The id of a system account of a currency, created on first use. Concurrent first uses
 * race on the unique index; the loser reads the winner's row.
 */
export async function ensureSystemAccount(
  db: Executor,
  code: SystemAccountCode,
  currency: string,
  newId: string,
  now: Date,
): Promise<string> {
  const inserted = await db
    .insertInto('accounts')
    .values({
      id: newId,
      wallet_id: null,
      kind: 'system',
      system_code: code,
      currency,
      balance: 0n,
      last_entry_at: null,
      created_at: now,
    })
    .onConflict((conflict) =>
      conflict.columns(['system_code', 'currency']).where('system_code', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom('accounts')
    .select('id')
    .where('system_code', '=', code)
    .where('currency', '=', currency)
    .executeTakeFirstOrThrow();
  return existing.id;
}

interface LockedAccountRow {
  id: string;
  wallet_id: string | null;
  kind: AccountKind;
  currency: string;
  balance: bigint;
  last_entry_at: Date | null;
  owner_id: string | null;
  status: WalletStatus | null;
  wallet_type: string | null;
  plan_kind: SavingsPlanKind | null;
  plan_value: bigint | null;
  rule_type: string | null;
  min_amount: bigint | null;
  max_amount: bigint | null;
  daily_total: bigint | null;
  daily_count: number | null;
}

/** A locked wallet with its type's rules for each transaction type asked for (absent: no rule). */
export interface LockedWalletWithRules extends Omit<LockedWallet, 'limits'> {
  limitsByType: ReadonlyMap<string, TransactionLimits>;
}

export interface LockedPosting {
  accounts: Map<string, LockedAccount>;
  wallets: Map<string, LockedWalletWithRules>;
}

/**
 * Locks every account of the given wallets and the given system accounts with one
 * statement, in account id order: every posting (or batch of postings) locks in the same
 * order, so two never wait for each other in a cycle. The wallet, its savings plan and its
 * type's rules for `transactionTypes` come with each row; the balances are those of the
 * locked rows (fresh even after a wait), the joined rows are as of the statement's start.
 * The wallets' statuses are then read again, in a statement that starts once the locks are
 * held: a freeze changes a status while it holds the wallet's account locks, so it has
 * either committed by then (and is seen) or waits for this transaction.
 */
export async function lockPostingAccounts(
  db: Executor,
  input: { walletIds: string[]; accountIds: string[]; transactionTypes: string[] },
): Promise<LockedPosting> {
  const { rows } = await sql<LockedAccountRow>`
    select a.id, a.wallet_id, a.kind, a.currency, a.balance, a.last_entry_at,
           w.owner_id, w.status, w.type as wallet_type,
           p.kind as plan_kind, p.value as plan_value,
           r.transaction_type as rule_type, r.min_amount, r.max_amount, r.daily_total, r.daily_count
    from accounts a
    left join wallets w on w.id = a.wallet_id
    left join savings_plans p on p.id = w.savings_plan_id
    left join transaction_rules r on r.wallet_type = w.type and r.transaction_type = any(${input.transactionTypes}::text[])
    where a.wallet_id = any(${input.walletIds}::uuid[]) or a.id = any(${input.accountIds}::uuid[])
    order by a.id
    for update of a
  `.execute(db);
  const { rows: statuses } = await sql<{ id: string; status: WalletStatus }>`
    select id, status from wallets where id = any(${input.walletIds}::uuid[])
  `.execute(db);
  const statusOf = new Map(statuses.map((row) => [row.id, row.status]));
  const accounts = new Map<string, LockedAccount>();
  const walletRows = new Map<string, LockedAccountRow[]>();
  for (const row of rows) {
    // An account comes once per rule of its wallet's type; the first row stands for it.
    if (!accounts.has(row.id)) {
      accounts.set(row.id, {
        id: row.id,
        walletId: row.wallet_id,
        kind: row.kind,
        currency: row.currency,
        balance: row.balance,
        lastEntryAt: row.last_entry_at,
      });
    }
    if (row.wallet_id !== null)
      walletRows.set(row.wallet_id, [...(walletRows.get(row.wallet_id) ?? []), row]);
  }
  const wallets = new Map<string, LockedWalletWithRules>();
  for (const [walletId, accountRows] of walletRows) {
    const mainRow = accountRows.find((row) => row.kind === 'main');
    const savingsRow = accountRows.find((row) => row.kind === 'savings');
    if (!mainRow || !savingsRow) throw new Error(`wallet ${walletId} lacks its main or savings account`);
    const limitsByType = new Map<string, TransactionLimits>();
    for (const row of accountRows) {
      if (row.kind !== 'main' || row.rule_type === null) continue;
      limitsByType.set(row.rule_type, {
        minAmount: row.min_amount,
        maxAmount: row.max_amount,
        dailyTotal: row.daily_total,
        dailyCount: row.daily_count,
      });
    }
    wallets.set(walletId, {
      id: walletId,
      ownerId: mainRow.owner_id!,
      type: mainRow.wallet_type!,
      currency: mainRow.currency,
      status: statusOf.get(walletId) ?? mainRow.status!,
      savingsPlan:
        mainRow.plan_kind === null ? null : { kind: mainRow.plan_kind, value: mainRow.plan_value! },
      limitsByType,
      main: accounts.get(mainRow.id)!,
      savings: accounts.get(savingsRow.id)!,
    });
  }
  return { accounts, wallets };
}

/**
 * A wallet's balances as of an instant: per account, the balance after its last entry at
 * or before `at` (entry times never go backwards on an account), 0 before its first.
 */
export async function balancesAsOf(db: Executor, walletId: string, at: Date): Promise<WalletBalances> {
  const { rows } = await sql<{ kind: AccountKind; balance: bigint | null }>`
    select a.kind,
           (select e.balance_after from entries e
            where e.account_id = a.id and e.created_at <= ${at}
            order by e.created_at desc, e.seq desc
            limit 1) as balance
    from accounts a
    where a.wallet_id = ${walletId}
  `.execute(db);
  const balances: WalletBalances = { main: 0n, savings: 0n };
  for (const row of rows) {
    if (row.kind === 'main') balances.main = row.balance ?? 0n;
    if (row.kind === 'savings') balances.savings = row.balance ?? 0n;
  }
  return balances;
}
