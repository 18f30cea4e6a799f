import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { LockedWallet } from '../domain/movement.js';
import type { LockedAccount } from '../domain/posting.js';
import type { TransactionLimits } from '../domain/rules.js';
import type { SavingsPlanKind } from '../domain/savings.js';
import type { AccountKind, SystemAccountCode, WalletBalances, WalletStatus } from '../domain/wallet.js';
import {
  type IdempotencyClaim,
  type IdempotencyClaimRow,
  idempotencyClaimOf,
} from './idempotency.repository.js';

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
}

interface WalletRow {
  id: string;
  owner_id: string;
  status: WalletStatus;
  type: string;
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
 * Claims (scope, key) pairs for this transaction, reads their stored records, and locks
 * every account of the given wallets and the given system accounts, in one statement; then
 * reads the wallets in a second one. The claims come back in the order of `claims`.
 *
 * Each key's transaction-scoped advisory lock is taken without waiting, so claiming many
 * keys can never deadlock: `locked` is false when another transaction holds that key, i.e.
 * the same key is in flight. The locks are released at commit or rollback. A record is read
 * with the statement's snapshot, taken before the lock: a holder that committed in between
 * is not seen, and this transaction then fails on the unique key of `idempotency_keys` or
 * `transfers` when it writes; the caller retries such a conflict once, and the retry's
 * snapshot sees the holder's record.
 *
 * The accounts are locked in id order: every posting (or batch of postings) locks in the
 * same order, so two never wait for each other in a cycle. The balances are those of the
 * locked rows (fresh even after a wait). The wallets, their savings plans and their type's
 * rules for `transactionTypes` are read by the second statement, which starts once the
 * locks are held: a freeze changes a status while it holds the wallet's account locks, so
 * it has either committed by then (and is seen) or waits for this transaction. Each part
 * reads one table by its keys, so none depends on the planner's view of the others.
 */
export async function lockPostingAccounts(
  db: Executor,
  input: {
    claims: readonly { scope: string; key: string }[];
    walletIds: string[];
    accountIds: string[];
    transactionTypes: string[];
  },
): Promise<LockedPosting & { claims: IdempotencyClaim[] }> {
  const { rows: lockedRows } = await sql<
    IdempotencyClaimRow & { position: string | null } & {
      [Column in keyof LockedAccountRow]: LockedAccountRow[Column] | null;
    }
  >`
    with claim as materialized (
      select claim.position,
             pg_try_advisory_xact_lock(hashtextextended(claim.scope || chr(10) || claim.key, 0)) as locked,
             k.operation, k.request_hash, k.response, k.created_at
      from unnest(${input.claims.map((claim) => claim.scope)}::text[], ${input.claims.map((claim) => claim.key)}::text[])
           with ordinality as claim (scope, key, position)
      left join idempotency_keys k on k.scope = claim.scope and k.key = claim.key
    ), account as materialized (
      select id, wallet_id, kind, currency, balance, last_entry_at
      from accounts
      where wallet_id = any(${input.walletIds}::uuid[]) or id = any(${input.accountIds}::uuid[])
      order by id
      for update
    )
    select position, locked, operation, request_hash, response, created_at,
           null::uuid as id, null::uuid as wallet_id, null::text as kind, null::text as currency,
           null::bigint as balance, null::timestamptz as last_entry_at
    from claim
    union all
    select null, null, null, null, null, null, id, wallet_id, kind, currency, balance, last_entry_at
    from account
  `.execute(db);
  const claims: IdempotencyClaim[] = [];
  const rows: LockedAccountRow[] = [];
  for (const row of lockedRows) {
    if (row.position !== null) {
      const index = Number(row.position) - 1;
      claims[index] = idempotencyClaimOf(input.claims[index]!, row);
    } else {
      rows.push(row as LockedAccountRow);
    }
  }
  const { rows: walletRows } =
    input.walletIds.length === 0
      ? { rows: [] }
      : await sql<WalletRow>`
          select w.id, w.owner_id, w.status, w.type,
                 p.kind as plan_kind, p.value as plan_value,
                 r.transaction_type as rule_type, r.min_amount, r.max_amount, r.daily_total, r.daily_count
          from wallets w
          left join savings_plans p on p.id = w.savings_plan_id
          left join transaction_rules r
            on r.wallet_type = w.type and r.transaction_type = any(${input.transactionTypes}::text[])
          where w.id = any(${input.walletIds}::uuid[])
        `.execute(db);
  const accounts = new Map<string, LockedAccount>();
  const accountsOfWallet = new Map<
    string,
    { main?: LockedAccount; savings?: LockedAccount; held?: LockedAccount }
  >();
  for (const row of rows) {
    const account: LockedAccount = {
      id: row.id,
      walletId: row.wallet_id,
      kind: row.kind,
      currency: row.currency,
      balance: row.balance,
      lastEntryAt: row.last_entry_at,
    };
    accounts.set(row.id, account);
    if (row.wallet_id === null || row.kind === 'system') continue;
    const ofWallet = accountsOfWallet.get(row.wallet_id) ?? {};
    ofWallet[row.kind] = account;
    accountsOfWallet.set(row.wallet_id, ofWallet);
  }
  const wallets = new Map<string, LockedWalletWithRules & { limitsByType: Map<string, TransactionLimits> }>();
  // A wallet comes once per rule of its type asked for; the first row stands for it.
  for (const row of walletRows) {
    let wallet = wallets.get(row.id);
    if (wallet === undefined) {
      const { main, savings, held } = accountsOfWallet.get(row.id) ?? {};
      if (!main || !savings || !held)
        throw new Error(`wallet ${row.id} lacks its main, savings or held account`);
      wallet = {
        id: row.id,
        ownerId: row.owner_id,
        type: row.type,
        currency: main.currency,
        status: row.status,
        savingsPlan: row.plan_kind === null ? null : { kind: row.plan_kind, value: row.plan_value! },
        limitsByType: new Map(),
        main,
        savings,
        held,
      };
      wallets.set(row.id, wallet);
    }
    if (row.rule_type !== null) {
      wallet.limitsByType.set(row.rule_type, {
        minAmount: row.min_amount,
        maxAmount: row.max_amount,
        dailyTotal: row.daily_total,
        dailyCount: row.daily_count,
      });
    }
  }
  return { claims, accounts, wallets };
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
  const balances: WalletBalances = { main: 0n, savings: 0n, held: 0n };
  for (const row of rows) {
    if (row.kind === 'main') balances.main = row.balance ?? 0n;
    if (row.kind === 'savings') balances.savings = row.balance ?? 0n;
    if (row.kind === 'held') balances.held = row.balance ?? 0n;
  }
  return balances;
}
