import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { IdempotentOperation, StoredResponse } from '../domain/idempotency.js';

export interface IdempotencyRecord {
  scope: string;
  key: string;
  operation: IdempotentOperation;
  request_hash: string;
  response: StoredResponse;
  created_at: Date;
}

/**
 * Claims a (scope, key) for this transaction and reads its stored record, in one round
 * trip. The transaction-scoped advisory lock is taken without waiting: `locked` is false
 * when another transaction holds it, i.e. the same key is in flight. It is released at
 * commit or rollback.
 *
 * The record is read with the statement's snapshot, taken just before the lock: a holder
 * that committed in between is not seen, and this transaction then fails on the unique
 * key of `idempotency_keys` or `transfers` when it writes. The caller retries such a
 * conflict once, and the retry's snapshot sees the holder's record.
 */
export async function claimIdempotencyKey(
  db: Executor,
  scope: string,
  key: string,
): Promise<{ locked: boolean; record: IdempotencyRecord | undefined }> {
  const { rows } = await sql<{
    locked: boolean;
    operation: IdempotentOperation | null;
    request_hash: string | null;
    response: StoredResponse | null;
    created_at: Date | null;
  }>`
    select pg_try_advisory_xact_lock(hashtextextended(${`${scope}\n${key}`}, 0)) as locked,
           k.operation, k.request_hash, k.response, k.created_at
    from (select 1) as claim
    left join idempotency_keys k on k.scope = ${scope} and k.key = ${key}
  `.execute(db);
  const row = rows[0]!;
  return {
    locked: row.locked,
    record:
      row.request_hash === null
        ? undefined
        : {
            scope,
            key,
            operation: row.operation!,
            request_hash: row.request_hash,
            response: row.response!,
            created_at: row.created_at!,
          },
  };
}

export async function insertIdempotencyRecord(db: Executor, record: IdempotencyRecord): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({ ...record, response: JSON.stringify(record.response) })
    .execute();
}

/** Removes the records created before the cutoff; returns how many. */
export async function deleteIdempotencyRecordsBefore(db: Executor, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** True when an error is the unique violation of a key that a concurrent holder of its lock recorded. */
export function isIdempotencyRecordConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'idempotency_keys_pkey';
}
