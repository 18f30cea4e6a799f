import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * Waits for and takes a transaction-scoped advisory lock on a name (a payment, or a
 * payer's Idempotency-Key of a bill or of a payment request's pay), released at commit or
 * rollback. Every transaction takes at most one such lock, and before any row lock (the
 * invoice counter, a payment request), so they cannot deadlock.
 */
export async function lockName(db: Executor, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(db);
}
