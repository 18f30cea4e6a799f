import { sql } from 'kysely';
import type { Executor, WalletStatusChangeRow } from '../database.js';
import type { WalletBalances, WalletRecord, WalletStatus } from '../domain/wallet.js';

export interface WalletWithBalances {
  wallet: WalletRecord;
  balances: WalletBalances;
}

const walletColumns = [
  'wallets.id',
  'wallets.owner_id',
  'wallets.type',
  'wallets.currency',
  'wallets.status',
  'wallets.is_default',
  'wallets.savings_plan_id',
  'wallets.created_at',
  'wallets.updated_at',
] as const;

/** True when a unique violation comes from the one-default-wallet-per-currency index. */
export function isDefaultWalletConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'wallets_default_key';
}

/** Inserts a wallet with its main, savings and held accounts, in one statement. */
export async function insertWallet(
  db: Executor,
  wallet: WalletRecord,
  accountIds: { main: string; savings: string; held: string },
): Promise<void> {
  await sql`
    with wallet as (
      insert into wallets (id, owner_id, type, currency, status, is_default, savings_plan_id, created_at, updated_at)
      values (${wallet.id}, ${wallet.owner_id}, ${wallet.type}, ${wallet.currency}, ${wallet.status},
              ${wallet.is_default}, ${wallet.savings_plan_id}, ${wallet.created_at}, ${wallet.updated_at})
      returning id
    )
    insert into accounts (id, wallet_id, kind, currency, balance, created_at)
    select account.id, wallet.id, account.kind, ${wallet.currency}, 0, ${wallet.created_at}::timestamptz
    from wallet, (values (${accountIds.main}::uuid, 'main'), (${accountIds.savings}::uuid, 'savings'),
                         (${accountIds.held}::uuid, 'held')) as account (id, kind)
  `.execute(db);
}

function withBalances(db: Executor) {
  return db
    .selectFrom('wallets')
    .innerJoin('accounts as main', (join) =>
      join.onRef('main.wallet_id', '=', 'wallets.id').on('main.kind', '=', 'main'),
    )
    .innerJoin('accounts as savings', (join) =>
      join.onRef('savings.wallet_id', '=', 'wallets.id').on('savings.kind', '=', 'savings'),
    )
    .innerJoin('accounts as held', (join) =>
      join.onRef('held.wallet_id', '=', 'wallets.id').on('held.kind', '=', 'held'),
    )
    .select([
      ...walletColumns,
      'main.balance as main_balance',
      'savings.balance as savings_balance',
      'held.balance as held_balance',
    ]);
}

type WalletBalanceRow = WalletRecord & {
  main_balance: bigint;
  savings_balance: bigint;
  held_balance: bigint;
};

function toWalletWithBalances(row: WalletBalanceRow): WalletWithBalances {
  const { main_balance, savings_balance, held_balance, ...wallet } = row;
  return { wallet, balances: { main: main_balance, savings: savings_balance, held: held_balance } };
}

export async function findWallet(db: Executor, id: string): Promise<WalletWithBalances | undefined> {
  const row = await withBalances(db).where('wallets.id', '=', id).executeTakeFirst();
  return row && toWalletWithBalances(row as WalletBalanceRow);
}

/** The owner's default wallet of a currency, or of any currency (the oldest) when none is given. */
export async function findDefaultWallet(
  db: Executor,
  ownerId: string,
  currency?: string,
): Promise<WalletWithBalances | undefined> {
  let query = withBalances(db).where('wallets.owner_id', '=', ownerId).where('wallets.is_default', '=', true);
  if (currency !== undefined) query = query.where('wallets.currency', '=', currency);
  const row = await query.orderBy('wallets.id').limit(1).executeTakeFirst();
  return row && toWalletWithBalances(row as WalletBalanceRow);
}

/** The id of the owner's default wallet of a currency, without balances. */
export async function findDefaultWalletId(
  db: Executor,
  ownerId: string,
  currency: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('wallets')
    .select('id')
    .where('owner_id', '=', ownerId)
    .where('currency', '=', currency)
    .where('is_default', '=', true)
    .executeTakeFirst();
  return row?.id;
}

export async function hasDefaultWallet(db: Executor, ownerId: string, currency: string): Promise<boolean> {
  return (await findDefaultWalletId(db, ownerId, currency)) !== undefined;
}

export interface WalletListFilters {
  ownerId?: string | undefined;
  currency?: string | undefined;
  status?: WalletStatus | undefined;
  type?: string | undefined;
}

/** Oldest first (the default wallet leads), `limit` rows after the cursor's id. */
export async function listWallets(
  db: Executor,
  filters: WalletListFilters,
  page: { afterId?: string | undefined; limit: number },
): Promise<WalletWithBalances[]> {
  let query = withBalances(db);
  if (filters.ownerId !== undefined) query = query.where('wallets.owner_id', '=', filters.ownerId);
  if (filters.currency !== undefined) query = query.where('wallets.currency', '=', filters.currency);
  if (filters.status !== undefined) query = query.where('wallets.status', '=', filters.status);
  if (filters.type !== undefined) query = query.where('wallets.type', '=', filters.type);
  if (page.afterId !== undefined) query = query.where('wallets.id', '>', page.afterId);
  const rows = await query.orderBy('wallets.id').limit(page.limit).execute();
  return rows.map((row) => toWalletWithBalances(row as WalletBalanceRow));
}

export async function updateSavingsPlan(
  db: Executor,
  walletId: string,
  planId: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('wallets')
    .set({ savings_plan_id: planId, updated_at: now })
    .where('id', '=', walletId)
    .execute();
}

/**
 * Locks every account of the owner's wallets, in id order like every posting, so that no
 * money moves in or out while their statuses are decided.
 */
export async function lockWalletsOfOwner(
  db: Executor,
  ownerId: string,
): Promise<Array<{ id: string; status: WalletStatus; balances: WalletBalances }>> {
  const rows = await db
    .selectFrom('accounts')
    .innerJoin('wallets', 'wallets.id', 'accounts.wallet_id')
    .select(['wallets.id as wallet_id', 'wallets.status', 'accounts.kind', 'accounts.balance'])
    .where('wallets.owner_id', '=', ownerId)
    .orderBy('accounts.id')
    .forUpdate('accounts')
    .execute();
  const wallets = new Map<string, { id: string; status: WalletStatus; balances: WalletBalances }>();
  for (const row of rows) {
    const wallet = wallets.get(row.wallet_id) ?? {
      id: row.wallet_id,
      status: row.status,
      balances: { main: 0n, savings: 0n, held: 0n },
    };
    if (row.kind === 'main') wallet.balances.main = row.balance;
    if (row.kind === 'savings') wallet.balances.savings = row.balance;
    if (row.kind === 'held') wallet.balances.held = row.balance;
    wallets.set(row.wallet_id, wallet);
  }
  return [...wallets.values()];
}

/**
 * The wallet with its balances, its main, savings and held accounts locked in id order like
 * every posting, so that no money moves in or out until the transaction ends.
 */
export async function lockWallet(db: Executor, walletId: string): Promise<WalletWithBalances | undefined> {
  const accounts = await db
    .selectFrom('accounts')
    .select(['kind', 'balance'])
    .where('wallet_id', '=', walletId)
    .orderBy('id')
    .forUpdate()
    .execute();
  if (accounts.length === 0) return undefined;
  const wallet = await db
    .selectFrom('wallets')
    .select(walletColumns)
    .where('id', '=', walletId)
    .executeTakeFirst();
  if (!wallet) return undefined;
  return {
    wallet,
    balances: {
      main: accounts.find((account) => account.kind === 'main')?.balance ?? 0n,
      savings: accounts.find((account) => account.kind === 'savings')?.balance ?? 0n,
      held: accounts.find((account) => account.kind === 'held')?.balance ?? 0n,
    },
  };
}

export async function insertStatusChange(db: Executor, change: WalletStatusChangeRow): Promise<void> {
  await db.insertInto('wallet_status_changes').values(change).execute();
}

export async function setWalletStatus(
  db: Executor,
  walletIds: string[],
  status: WalletStatus,
  now: Date,
): Promise<void> {
  if (walletIds.length === 0) return;
  await db.updateTable('wallets').set({ status, updated_at: now }).where('id', 'in', walletIds).execute();
}
