import {
  type ClaimingOutbox,
  type CloudEvent,
  claimedUntilOf,
  inboxClaimOf,
  jsonRows,
  outboxInsertOf,
  rowsOf,
} from '@moneypal/kit';
import { sql } from 'kysely';
import type { Executor, MessageRow } from '../database.js';
import type { MessageChanges, MessageChannel, MessageRecord, MessageStatus } from '../domain/message.js';

/**
 * Inserts messages, claimed by the caller when a claim is given (so it sends them next,
 * with no claiming pass); one that an earlier delivery of the same event made is left as
 * it is. Returns the messages inserted.
 */
export async function insertMessages<Message extends MessageRecord>(
  db: Executor,
  messages: readonly Message[],
  claim?: { token: string; leaseMs: number },
): Promise<Message[]> {
  if (messages.length === 0) return [];
  const rows = messages.map((message) => ({ ...message, claim_token: claim?.token ?? null }));
  const columns = sql.join(Object.keys(rows[0]!).map((column) => sql.ref(column)));
  const claimedUntil = claim === undefined ? sql<Date | null>`null` : claimedUntilOf(claim);
  const { rows: inserted } = await sql<{ id: string }>`
    insert into messages (${columns}, claimed_until)
    select ${columns}, ${claimedUntil} from ${rowsOf('messages', rows)}
    on conflict (source_event_id, template, recipient) do nothing
    returning id
  `.execute(db);
  const ids = new Set(inserted.map((row) => row.id));
  return messages.filter((message) => ids.has(message.id));
}

/**
 * Applies events once each and inserts their messages, in one statement (so one
 * transaction, and one round trip): the consumer's inbox rows of every event, and the
 * messages of the events claimed now, claimed by the caller (as `insertMessages`). An event
 * applied before adds nothing. Returns the messages inserted.
 */
export async function insertMessagesOnce<Message extends MessageRecord>(
  db: Executor,
  consumer: string,
  events: readonly CloudEvent[],
  messages: readonly Message[],
  claim: { token: string; leaseMs: number },
): Promise<Message[]> {
  if (events.length === 0) return [];
  const claimed = inboxClaimOf(consumer, events);
  if (messages.length === 0) {
    await claimed.execute(db);
    return [];
  }
  const rows = messages.map((message) => ({ ...message, claim_token: claim.token }));
  const columns = sql.join(Object.keys(rows[0]!).map((column) => sql.ref(column)));
  const { rows: inserted } = await sql<{ id: string }>`
    with claimed as (${claimed})
    insert into messages (${columns}, claimed_until)
    select ${columns}, ${claimedUntilOf(claim)} from ${rowsOf('messages', rows)}
    where source_event_id in (select event_id from claimed)
    on conflict (source_event_id, template, recipient) do nothing
    returning id
  `.execute(db);
  const ids = new Set(inserted.map((row) => row.id));
  return messages.filter((message) => ids.has(message.id));
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
      claimed_until: claimedUntilOf(claim),
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
 * Writes the outcomes of a dispatcher pass, and the events of those written, in one
 * statement (so one transaction, and one round trip); returns the messages as written.
 * Each is written only while the claim is still the caller's: a dispatcher whose lease ran
 * out and was taken over changes nothing, and its messages and their events are missing
 * from the answer and the outbox. `events` have the message ids as subjects, and are
 * claimed for the relay given.
 */
export async function recordAttempts(
  db: Executor,
  token: string,
  attempts: readonly { message: MessageRecord; changes: MessageChanges }[],
  outcomeEvents: { events: readonly CloudEvent[]; outbox: Pick<ClaimingOutbox, 'leaseMs'> },
): Promise<MessageRecord[]> {
  if (attempts.length === 0) return [];
  // The body is sent back only where it changes (a secret blanked), not for every message.
  const outcomes = attempts.map(({ message, changes }) => ({
    id: message.id,
    ...changes,
    body: changes.body === message.body ? null : changes.body,
  }));
  const written = sql`
    update messages as m set
      status = c.status, attempts = c.attempts, next_attempt_at = c.next_attempt_at,
      provider_id = c.provider_id, error = c.error, body = coalesce(c.body, m.body),
      updated_at = c.updated_at, sent_at = c.sent_at, claim_token = null, claimed_until = null
    from jsonb_to_recordset(${jsonRows(outcomes)}) as c(
      id uuid, status text, attempts integer, next_attempt_at timestamptz, provider_id text,
      error text, body text, updated_at timestamptz, sent_at timestamptz
    )
    where m.id = c.id and m.claim_token = ${token}
      -- Named again as a list, so the plan looks the messages up by key rather than scanning.
      and m.id = any(${outcomes.map(({ id }) => id)}::uuid[])
    returning m.id`;
  const { rows } =
    outcomeEvents.events.length === 0
      ? await sql<{ id: string }>`${written}`.execute(db)
      : await sql<{ id: string }>`
          with written as (${written}),
          published as (${outboxInsertOf(
            outcomeEvents.events,
            outcomeEvents.outbox,
            sql`select id from written`,
          )})
          select id from written`.execute(db);
  const writtenIds = new Set(rows.map((row) => row.id));
  return attempts
    .filter(({ message }) => writtenIds.has(message.id))
    .map(({ message, changes }) => ({ ...message, ...changes }));
}

export interface MessageFilters {
  /** Only this user's messages; every user's when undefined. */
  userId: string | undefined;
  channel: MessageChannel | undefined;
  status: MessageStatus | undefined;
  /** Only unread messages when true, only read ones when false. */
  unread: boolean | undefined;
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
  if (filters.unread !== undefined) query = query.where('read_at', filters.unread ? 'is' : 'is not', null);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}

/** How many of a user's messages are unread (a range of the partial index `messages_unread_idx`). */
export async function countUnreadMessages(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Marks one of a user's messages read at `now`, or keeps the time it was first read; one
 * statement, so two readers at once agree on that time. Undefined when the user has no such message.
 */
export async function markMessageRead(
  db: Executor,
  message: { id: string; userId: string; now: Date },
): Promise<MessageRow | undefined> {
  return db
    .updateTable('messages')
    .set({ read_at: sql<Date>`coalesce(read_at, ${message.now})` })
    .where('id', '=', message.id)
    .where('user_id', '=', message.userId)
    .returningAll()
    .executeTakeFirst();
}

/** Marks every unread message of a user read at `now`; answers how many it marked. */
export async function markAllMessagesRead(
  db: Executor,
  user: { userId: string; now: Date },
): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ read_at: user.now })
    .where('user_id', '=', user.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
