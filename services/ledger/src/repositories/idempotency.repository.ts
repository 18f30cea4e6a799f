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

/** The outcome of claiming one (scope, key): whether this transaction holds it, and its stored record. */
export interface IdempotencyClaim {
  locked: boolean;
  record: IdempotencyRecord | undefined;
}

/**
 * Claims (scope, key) pairs for this transaction and reads their stored records, in one
 * round trip; the answers come in the order of `claims`. Each transaction-scoped advisory
 * lock is taken without waiting, so claiming many keys can never deadlock: `locked` is
 * false when another transaction holds that key, i.e. the same key is in flight. The locks
 * are released at commit or rollback.
 *
 * A record is read with the statement's snapshot, taken just before the lock: a holder
 * that committed in between is not seen, and this transaction then fails on the unique
 * key of `idempotency_keys` or `transfers` when it writes. The caller retries such a
 * conflict once, and the retry's snapshot sees the holder's record.
 */
export async function claimIdempotencyKeys(
  db: Executor,
  claims: readonly { scope: string; key: string }[],
): Promise<IdempotencyClaim[]> {
  const { rows } = await sql<{
    locked: boolean;
    operation: IdempotentOperation | null;
    request_hash: string | null;
    response: StoredResponse | null;
    created_at: Date | null;
  }>`
    select pg_try_advisory_xact_lock(hashtextextended(claim.scope || chr(10) || claim.key, 0)) as locked,
           k.operation, k.request_hash, k.response, k.created_at
    from unnest(${claims.map((claim) => claim.scope)}::text[], ${claims.map((claim) => claim.key)}::text[])
         with ordinality as claim (scope, key, position)
    left join idempotency_keys k on k.scope = claim.scope and k.key = claim.key
    order by claim.position
  `.execute(db);
  return rows.map((row, index) => {
    const { scope, key } = claims[index]!;
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
  });
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
