import { rowsOf } from '@moneypal/kit';
import { sql } from 'kysely';
import type { Executor } from '../database.js';
import type { InvoiceSum, Movement, MovementDirection, MovementKind, MovementSum } from '../domain/report.js';

/** Adds a transfer's sides to the projection; a side already there is left as it is. */
export async function insertMovements(db: Executor, movements: readonly Movement[]): Promise<void> {
  if (movements.length === 0) return;
  const rows = movements.map((movement) => ({
    transfer_id: movement.transferId,
    user_id: movement.userId,
    direction: movement.direction,
    kind: movement.kind,
    currency: movement.currency,
    day: movement.day,
    amount: movement.amount,
  }));
  await sql`
    insert into report_movements (transfer_id, user_id, direction, kind, currency, day, amount)
    select transfer_id, user_id, direction, kind, currency, day, amount from ${rowsOf('report_movements', rows)}
    on conflict (transfer_id, user_id, direction) do nothing
  `.execute(db);
}

/**
 * A user's movements over the days `from` to `to` (both included), counted and summed per
 * currency, kind and direction: per day, and over the whole range (`day` null). A sum
 * beyond bigint fails in the database rather than wrap.
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
    from report_movements
    where user_id = ${userId} and day between ${range.from}::date and ${range.to}::date
    group by grouping sets ((currency, kind, direction, day), (currency, kind, direction))
  `.execute(db);
  return rows;
}

/**
 * The invoices a user paid and received, issued within [start, end), in status paid or
 * refunded, counted and summed per currency.
 */
export async function sumInvoices(
  db: Executor,
  userId: string,
  period: { start: Date; end: Date },
): Promise<InvoiceSum[]> {
  const { rows } = await sql<InvoiceSum>`
    select currency, role, count(*) as count, sum(amount)::bigint as amount
    from (
      select currency, amount, case when payer_id = ${userId} then 'payer' else 'payee' end as role
      from invoices
      where (payer_id = ${userId} or payee_id = ${userId})
        and status in ('paid', 'refunded')
        and issued_at >= ${period.start} and issued_at < ${period.end}
    ) as mine
    group by currency, role
  `.execute(db);
  return rows;
}
