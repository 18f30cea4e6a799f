import {
  type ClaimingOutbox,
  type CloudEvent,
  claimedUntilOf,
  inboxClaimOf,
  jsonRows,
  outboxInsertOf,
  rowsOf,
} from '@moneypal/kit';
import { type RawBuilder, sql } from 'kysely';
import type { Executor, MessageRow } from '../database.js';
import type { MessageChanges, MessageChannel, MessageRecord, MessageStatus } from '../domain/message.js';

/**
 * Inserts messages, each with its entry in the dispatcher's queue, claimed by the caller
 * when a claim is given (so it sends them next, with no claiming pass); one that an earlier
 * delivery of the same event made is left as it is. Returns the messages inserted.
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
    with inserted as (
      insert into messages (${columns}, claimed_until)
      select ${columns}, ${claimedUntil} from ${rowsOf('messages', rows)}
      on conflict (source_event_id, template, recipient) do nothing
      returning id, next_attempt_at
    ),
    ${queuedOf(sql`inserted`)}
    select id from inserted
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
    with claimed as (${claimed}),
    inserted as (
      insert into messages (${columns}, claimed_until)
      select ${columns}, ${claimedUntilOf(claim)} from ${rowsOf('messages', rows)}
      where source_event_id in (select event_id from claimed)
      on conflict (source_event_id, template, recipient) do nothing
      returning id, next_attempt_at
    ),
    ${queuedOf(sql`inserted`)}
    select id from inserted
  `.execute(db);
  const ids = new Set(inserted.map((row) => row.id));
  return messages.filter((message) => ids.has(message.id));
}

/**
 * Claims pending messages due at `now` (by the queue), earliest first, for one dispatcher pass: `skip
 * locked` keeps concurrent dispatchers off each other's rows, and the lease keeps them off
 * a claimed message until it runs out. The lease is computed and compared with the
 * database's clock only, so dispatchers whose clocks disagree still honour each other's
 * claims.
 */
export async function claimDueMessages(
  db: Executor,
  claim: { now: Date; limit: number; leaseMs: number; token: string },
): Promise<MessageRow[]> {
  // The queue finds the due messages; the claim is taken on (and locks) the messages themselves.
  const { rows } = await sql<MessageRow>`
    update messages set claim_token = ${claim.token}, claimed_until = ${claimedUntilOf(claim)}
    where id in (
      select m.id from message_queue as q join messages as m on m.id = q.message_id
      where q.next_attempt_at <= ${claim.now} and m.status = 'pending'
        and (m.claimed_until is null or m.claimed_until < now())
      order by q.next_attempt_at, q.message_id
      limit ${claim.limit}
      for update of m skip locked
    )
    returning *
  `.execute(db);
  return rows;
}

/**
 * The CTE that queues the messages a CTE of the same statement inserted (`id`,
 * `next_attempt_at`), so that a message and its place in the queue are written together.
 */
function queuedOf(inserted: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`queued as (
    insert into message_queue (message_id, next_attempt_at)
    select id, next_attempt_at from ${inserted}
  )`;
}

/**
 * Writes the outcomes of a dispatcher pass, and the events of those written, in one
 * statement (so one transaction, and one round trip); returns the messages as written.
 * Each is written only while its claim (`token`) is still the caller's: a dispatcher whose lease ran
 * out and was taken over changes nothing, and its messages and their events are missing
 * from the answer and the outbox. A message written leaves the queue when it is sent or
 * failed, and moves to its new due time when it is to be tried again. `events` have the message ids as subjects, and are
 * claimed for the relay given.
 */
export async function recordAttempts(
  db: Executor,
  attempts: readonly { message: MessageRecord; token: string; changes: MessageChanges }[],
  outcomeEvents: { events: readonly CloudEvent[]; outbox: Pick<ClaimingOutbox, 'leaseMs'> },
): Promise<MessageRecord[]> {
  if (attempts.length === 0) return [];
  // The body is sent back only where it changes (a secret blanked), not for every message.
  const outcomes = attempts.map(({ message, token, changes }) => ({
    id: message.id,
    claim_token: token,
    // The due time the message is queued at, which finds its queue entry.
    queued_at: message.next_attempt_at,
    ...changes,
    body: changes.body === message.body ? null : changes.body,
  }));
  const written = sql`
    update messages as m set
      status = c.status, attempts = c.attempts, next_attempt_at = c.next_attempt_at,
      provider_id = c.provider_id, error = c.error, body = coalesce(c.body, m.body),
      updated_at = c.updated_at, sent_at = c.sent_at, claim_token = null, claimed_until = null
    from jsonb_to_recordset(${jsonRows(outcomes)}) as c(
      id uuid, claim_token uuid, queued_at timestamptz, status text, attempts integer, next_attempt_at timestamptz,
      provider_id text, error text, body text, updated_at timestamptz, sent_at timestamptz
    )
    where m.id = c.id and m.claim_token = c.claim_token
      -- Named again as a list, so the plan looks the messages up by key rather than scanning.
      and m.id = any(${outcomes.map(({ id }) => id)}::uuid[])
    returning m.id, m.next_attempt_at, c.queued_at`;
  // A message sent or failed leaves the queue; one to try again moves to its new due time.
  const queue = sql`
    dequeued as (
      delete from message_queue as q using written as w
      where (q.next_attempt_at, q.message_id) = (w.queued_at, w.id) and w.next_attempt_at is null
    ),
    requeued as (
      update message_queue as q set next_attempt_at = w.next_attempt_at from written as w
      where (q.next_attempt_at, q.message_id) = (w.queued_at, w.id) and w.next_attempt_at is not null
    )`;
  const { rows } =
    outcomeEvents.events.length === 0
      ? await sql<{ id: string }>`with written as (${written}), ${queue} select id from written`.execute(db)
      : await sql<{ id: string }>`
          with written as (${written}), ${queue},
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
