import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { DailyUsage } from '../domain/rules.js';

/** One wallet's usage of one transaction type on one UTC day (`YYYY-MM-DD`). */
export interface DailyUsageKey {
  walletId: string;
  transactionType: string;
  day: string;
}

/** The map key of a `DailyUsageKey`. */
export function dailyUsageKeyOf(key: DailyUsageKey): string {
  return `${key.walletId}/${key.transactionType}/${key.day}`;
}

/**
 * The usage of each (wallet, transaction type, UTC day), with its row created if missing
 * and locked until the transaction ends, by `dailyUsageKeyOf`: of two concurrent postings,
 * the second reads the first's usage only after the first commits, so together they
 * cannot pass a daily limit. The rows are locked in key order; the caller holds the
 * wallets' account locks already, which alone keep two transactions off the same row.
 */
export async function lockDailyUsage(
  db: Executor,
  keys: readonly DailyUsageKey[],
): Promise<Map<string, DailyUsage>> {
  const sorted = [...new Map(keys.map((key) => [dailyUsageKeyOf(key), key])).entries()].sort(
    ([left], [right]) => (left < right ? -1 : left > right ? 1 : 0),
  );
  const { rows } = await sql<{
    wallet_id: string;
    transaction_type: string;
    day: string;
    total: bigint;
    count: number;
  }>`
    insert into daily_usage (wallet_id, transaction_type, day, total, count)
    select wallet_id, transaction_type, day, 0, 0
    from unnest(${sorted.map(([, key]) => key.walletId)}::uuid[], ${sorted.map(([, key]) => key.transactionType)}::text[],
                ${sorted.map(([, key]) => key.day)}::date[]) as key (wallet_id, transaction_type, day)
    on conflict (wallet_id, transaction_type, day) do update set total = daily_usage.total
    returning wallet_id, transaction_type, to_char(day, 'YYYY-MM-DD') as day, total, count
  `.execute(db);
  return new Map(
    rows.map((row) => [
      dailyUsageKeyOf({ walletId: row.wallet_id, transactionType: row.transaction_type, day: row.day }),
      { total: row.total, count: row.count },
    ]),
  );
}
