import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { DailyUsage } from '../domain/rules.js';

/**
 * A wallet's usage of a transaction type on a UTC day, with its row created if missing and
 * locked until the transaction ends: of two concurrent postings, the second reads the
 * first's usage only after the first commits, so together they cannot pass a daily limit.
 */
export async function lockDailyUsage(
  db: Executor,
  walletId: string,
  transactionType: string,
  day: string,
): Promise<DailyUsage> {
  const { rows } = await sql<{ total: bigint; count: number }>`
    insert into daily_usage (wallet_id, transaction_type, day, total, count)
    values (${walletId}, ${transactionType}, ${day}::date, 0, 0)
    on conflict (wallet_id, transaction_type, day) do update set total = daily_usage.total
    returning total, count
  `.execute(db);
  const row = rows[0]!;
  return { total: row.total, count: row.count };
}
