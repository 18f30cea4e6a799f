import { sql } from 'kysely';
import type { Executor, MessageRow } from '../database.js';
import type { MessageChanges, MessageChannel, MessageRecord, MessageStatus } from '../domain/message.js';

/** Inserts messages; one that an earlier delivery of the same event made is left as it is. Returns how many were new. */
export async function insertMessages(db: Executor, messages: readonly MessageRecord[]): Promise<number> {
  if (messages.length === 0) return 0;
  const inserted = await db
    .insertInto('messages')
    .values(messages.map((message) => ({ ...message, claim_token: null, claimed_until: null })))
    .onConflict((conflict) => conflict.columns(['source_event_id', 'template', 'recipient']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Claims pending messages due at `now`, earliest first, for one dispatcher pass: `skip
 * locked` keeps concurrent dispatchers off each other's rows, and the lease keeps them off
 * a claimed message until it runs out. The lease is computed and compared with the
 * database's clock only, so dispatchers whose clocks disagree still honour each other's
 * claims.
 */
export async function claimDueMessages(
  db: Executor,
  claim: { now: Date; limit: number; leaseMs: number; token: string },
): Promise<MessageRow[]> {
  return db
    .updateTable('messages')
    .set({
      claim_token: claim.token,
      claimed_until: sql<Date>`now() + ${claim.leaseMs} * interval '1 millisecond'`,
    })
    .where(
      'id',
      'in',
      db
        .selectFrom('messages')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', claim.now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(claim.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Writes the outcome of an attempt and releases the claim, only while the claim is still
 * the caller's: a dispatcher whose lease ran out and was taken over changes nothing.
 */
export async function recordAttempt(
  db: Executor,
  id: string,
  token: string,
  changes: MessageChanges,
): Promise<MessageRow | undefined> {
  return db
    .updateTable('messages')
    .set({ ...changes, claim_token: null, claimed_until: null })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .returningAll()
    .executeTakeFirst();
}

export interface MessageFilters {
  /** Only this user's messages; every user's when undefined. */
  userId: string | undefined;
  channel: MessageChannel | undefined;
  status: MessageStatus | undefined;
}

/** Messages newest first (ids are time-ordered), after the cursor's message. */
export async function listMessages(
  db: Executor,
  filters: MessageFilters,
  page: { beforeId: string | undefined; limit: number },
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll();
  if (filters.userId !== undefined) query = query.where('user_id', '=', filters.userId);
  if (filters.channel !== undefined) query = query.where('channel', '=', filters.channel);
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}
