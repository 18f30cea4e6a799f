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

/** The outcome of claiming one (scope, key): whether this transaction holds it, and its stored record. */
export interface IdempotencyClaim {
  locked: boolean;
  record: IdempotencyRecord | undefined;
}

/** A claim's row as `lockPostingAccounts` reads it: the lock's outcome and the stored record's columns. */
export interface IdempotencyClaimRow {
  locked: boolean;
  operation: IdempotentOperation | null;
  request_hash: string | null;
  response: StoredResponse | null;
  created_at: Date | null;
}

/** The claim of (scope, key) from its row. */
export function idempotencyClaimOf(
  { scope, key }: { scope: string; key: string },
  row: IdempotencyClaimRow,
): IdempotencyClaim {
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
