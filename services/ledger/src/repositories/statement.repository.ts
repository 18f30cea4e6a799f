import type { Executor } from '../database.js';
import type { TransferRecord } from '../domain/transfer.js';

/** One movement of an account: the transfer, its entry's signed amount and the balance after it. */
export interface AccountMovement {
  transfer: TransferRecord;
  amount: bigint;
  balanceAfter: bigint;
}

/**
 * The balance of a wallet's main account before `at`: the balance after its last entry
 * earlier than `at` (entry times never go backwards on an account), 0 before its first.
 * Undefined when the wallet has no main account (no such wallet).
 */
export async function findMainBalanceBefore(
  db: Executor,
  walletId: string,
  at: Date,
): Promise<{ accountId: string; balance: bigint } | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => [
      'accounts.id',
      eb
        .selectFrom('entries')
        .select('entries.balance_after')
        .whereRef('entries.account_id', '=', 'accounts.id')
        .where('entries.created_at', '<', at)
        .orderBy('entries.created_at', 'desc')
        .orderBy('entries.seq', 'desc')
        .limit(1)
        .as('balance'),
    ])
    .where('accounts.wallet_id', '=', walletId)
    .where('accounts.kind', '=', 'main')
    .executeTakeFirst();
  return row && { accountId: row.id, balance: row.balance ?? 0n };
}

/**
 * The movements of one account from `from` (inclusive) to `to` (exclusive) in the order they
 * were posted, at most `limit`: a range scan of entries_account_time_idx, each entry with
 * its transfer by primary key.
 */
export async function listAccountMovements(
  db: Executor,
  accountId: string,
  period: { from: Date; to: Date },
  limit: number,
): Promise<AccountMovement[]> {
  const rows = await db
    .selectFrom('entries')
    .innerJoin('transfers', 'transfers.id', 'entries.transfer_id')
    .selectAll('transfers')
    .select(['entries.amount as entry_amount', 'entries.balance_after as entry_balance_after'])
    .where('entries.account_id', '=', accountId)
    .where('entries.created_at', '>=', period.from)
    .where('entries.created_at', '<', period.to)
    .orderBy('entries.created_at')
    .orderBy('entries.seq')
    .limit(limit)
    .execute();
  return rows.map(({ entry_amount, entry_balance_after, ...transfer }) => ({
    transfer: { ...transfer, type: transfer.type as TransferRecord['type'] },
    amount: entry_amount,
    balanceAfter: entry_balance_after,
  }));
}
