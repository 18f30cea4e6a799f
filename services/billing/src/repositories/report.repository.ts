import { type CloudEvent, inboxClaimOf, jsonRows } from '@moneypal/kit';
import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { InvoiceSum, Movement, MovementDirection, MovementKind, MovementSum } from '../domain/report.js';

/**
 * Applies posted transfers once each, in one statement (so one transaction, and one round
 * trip): the consumer's inbox rows of every event, and the sides of the events claimed now;
 * an event applied before adds nothing, and a side already there is left as it is.
 */
export async function insertMovementsOnce(
  db: Executor,
  consumer: string,
  batch: readonly { event: CloudEvent; movements: readonly Movement[] }[],
): Promise<void> {
  if (batch.length === 0) return;
  const rows = batch.flatMap(({ event, movements }) =>
    movements.map((movement) => ({
      event_id: event.id,
      transfer_id: movement.transferId,
      user_id: movement.userId,
      direction: movement.direction,
      kind: movement.kind,
      currency: movement.currency,
      day: movement.day,
      amount: movement.amount,
    })),
  );
  await sql`
    with claimed as (${inboxClaimOf(
      consumer,
      batch.map(({ event }) => event),
    )})
    insert into report_movements (transfer_id, user_id, direction, kind, currency, day, amount)
    select side.transfer_id, side.user_id, side.direction, side.kind, side.currency, side.day, side.amount
    from jsonb_to_recordset(${jsonRows(rows)}) as side(
      event_id uuid, transfer_id uuid, user_id uuid, direction text, kind text, currency text, day date,
      amount bigint
    )
    where side.event_id in (select event_id from claimed)
    on conflict (transfer_id, user_id, direction) do nothing
  `.execute(db);
}

/** Adds sides to the projection in the caller's transaction; a side already there is left as it is. */
export async function insertMovements(db: Executor, movements: readonly Movement[]): Promise<void> {
  if (movements.length === 0) return;
  await db
    .insertInto('report_movements')
    .values(
      movements.map((movement) => ({
        transfer_id: movement.transferId,
        user_id: movement.userId,
        direction: movement.direction,
        kind: movement.kind,
        currency: movement.currency,
        day: movement.day,
        amount: movement.amount,
      })),
    )
    .onConflict((conflict) => conflict.columns(['transfer_id', 'user_id', 'direction']).doNothing())
    .execute();
}

/**
 * A user's movements over the days `from` to `to` (both included), counted and summed per
 * currency, kind and direction: per day, and over the whole range (`day` null). A sum
 * beyond bigint fails in the database rather than wrap. The credit that funds a provider's
 * PayPal payment is left out: the person paid the provider, and added no money, so only the
 * payment counts. A credit whose provider could not be paid stays with the payer and counts.
 */
export async function sumMovements(
  db: Executor,
  userId: string,
  range: { from: string; to: string },
): Promise<MovementSum[]> {
  const { rows } = await sql<{
    currency: string;
    day: string | null;
    kind: MovementKind;
    direction: MovementDirection;
    count: bigint;
    amount: bigint;
  }>`
    select currency, day::text as day, kind, direction, count(*) as count, sum(amount)::bigint as amount
    from report_movements as movement
    where user_id = ${userId} and day between ${range.from}::date and ${range.to}::date
      and not exists (
        select from captures
        where captures.fund_transfer_id = movement.transfer_id and captures.settle_transfer_id is not null
      )
    group by grouping sets ((currency, kind, direction, day), (currency, kind, direction))
  `.execute(db);
  return rows;
}

/**
 * The invoices a user paid and received, issued within [start, end), paid and then maybe
 * refunded in part or in full, counted and summed per currency by what each paid, which for
 * an escrow bill is what its hold's capture paid (the refunds' movements count in the
 * transfers and deposits figures).
 */
export async function sumInvoices(
  db: Executor,
  userId: string,
  period: { start: Date; end: Date },
): Promise<InvoiceSum[]> {
  const { rows } = await sql<InvoiceSum>`
    select currency, role, count(*) as count, sum(amount)::bigint as amount
    from (
      select currency, coalesce(captured_amount, amount) as amount, case when payer_id = ${userId} then 'payer' else 'payee' end as role
      from invoices
      where (payer_id = ${userId} or payee_id = ${userId})
        and status in ('paid', 'partially_refunded', 'refunded')
        and issued_at >= ${period.start} and issued_at < ${period.end}
    ) as mine
    group by currency, role
  `.execute(db);
  return rows;
}
