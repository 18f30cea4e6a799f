import type { HoldStatus } from '@moneypal/contracts';
import { jsonRows, rowsOf } from '@moneypal/kit';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor, HoldRow } from '../database.js';
import type { HoldRecord } from '../domain/hold.js';

const holdColumns = [
  'id',
  'status',
  'amount',
  'captured_amount',
  'currency',
  'description',
  'metadata',
  'from_wallet_id',
  'to_wallet_id',
  'payer_id',
  'payee_id',
  'expires_at',
  'on_expiry',
  'created_at',
  'settled_at',
  'settled_by',
  'transfer_id',
  'settlement_transfer_id',
] as const satisfies readonly (keyof HoldRow)[];

/** Inserts new holds; their transfers must be inserted before, in the same transaction. */
export async function insertHolds(db: Executor, holds: readonly HoldRecord[]): Promise<void> {
  if (holds.length === 0) return;
  await sql`
    insert into holds (${sql.join(holdColumns.map((column) => sql.ref(column)))})
    select ${sql.join(holdColumns.map((column) => sql.ref(column)))} from ${rowsOf('holds', holds)}
  `.execute(db);
}

/**
 * Writes the settlement of held holds, in one statement. Only a hold still `held` is
 * updated: the payer's wallet is locked by the posting that settles it, as by every other
 * settlement, so a hold found settled here means two settlements were planned for it, a
 * broken invariant that fails the transaction.
 */
export async function settleHolds(db: Executor, holds: readonly HoldRecord[]): Promise<void> {
  if (holds.length === 0) return;
  const { rows } = await sql<{ id: string }>`
    update holds
    set status = settled.status, captured_amount = settled.captured_amount, settled_at = settled.settled_at,
        settled_by = settled.settled_by, settlement_transfer_id = settled.settlement_transfer_id,
        expiry_lease_until = null
    from jsonb_to_recordset(${jsonRows(holds)})
      as settled (id uuid, status text, captured_amount bigint, settled_at timestamptz, settled_by uuid,
                  settlement_transfer_id uuid)
    where holds.id = settled.id and holds.status = 'held'
    returning holds.id
  `.execute(db);
  if (rows.length !== holds.length) {
    throw new Error(`settled ${rows.length} of ${holds.length} holds: another settlement came first`);
  }
}

/** Holds by id; read under the payers' wallet locks, their states are those no settlement can change before the commit. */
export async function findHolds(db: Executor, ids: readonly string[]): Promise<Map<string, HoldRecord>> {
  const found = new Map<string, HoldRecord>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('holds')
    .select(holdColumns)
    .where('id', 'in', [...ids])
    .execute();
  for (const row of rows) found.set(row.id, row);
  return found;
}

export async function findHold(db: Executor, id: string): Promise<HoldRecord | undefined> {
  return (await findHolds(db, [id])).get(id);
}

export interface HoldListFilters {
  /** Holds this user pays or is paid by; all when absent (an admin or a service). */
  userId?: string | undefined;
  /** Holds paid from or to this wallet. */
  walletId?: string | undefined;
  status?: HoldStatus | undefined;
  /** Relative to `userId`, else to `walletId`: out = paid by, in = paid to. */
  direction?: 'in' | 'out' | undefined;
}

/** Newest first (ids are UUIDv7), `limit` rows before the cursor's id. */
export async function listHolds(
  db: Executor,
  filters: HoldListFilters,
  page: { beforeId?: string | undefined; limit: number },
): Promise<HoldRecord[]> {
  const rows = await db
    .selectFrom('holds')
    .select(holdColumns)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      const sides: Expression<SqlBool>[] = [];
      if (filters.direction !== 'in') {
        const out: Expression<SqlBool>[] = [];
        if (filters.userId !== undefined) out.push(eb('payer_id', '=', filters.userId));
        if (filters.walletId !== undefined) out.push(eb('from_wallet_id', '=', filters.walletId));
        sides.push(eb.and(out));
      }
      if (filters.direction !== 'out') {
        const incoming: Expression<SqlBool>[] = [];
        if (filters.userId !== undefined) incoming.push(eb('payee_id', '=', filters.userId));
        if (filters.walletId !== undefined) incoming.push(eb('to_wallet_id', '=', filters.walletId));
        sides.push(eb.and(incoming));
      }
      conditions.push(eb.or(sides));
      if (filters.status !== undefined) conditions.push(eb('status', '=', filters.status));
      if (page.beforeId !== undefined) conditions.push(eb('id', '<', page.beforeId));
      return eb.and(conditions);
    })
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
  return rows;
}

/**
 * Takes up to `limit` held holds whose expiry has come and that no sweeper holds, until
 * `leaseUntil`: `skip locked` passes over the rows another replica is taking at this very
 * moment, and the lease keeps them from being taken again while that replica settles them.
 * A replica that stops before settling leaves the lease to run out; another then takes the
 * hold again (its settlement key makes the retry move money at most once).
 */
export async function claimDueHolds(
  db: Executor,
  input: { now: Date; leaseUntil: Date; limit: number },
): Promise<HoldRecord[]> {
  const { rows } = await sql<HoldRecord>`
    update holds set expiry_lease_until = ${input.leaseUntil}
    where id in (
      select id from holds
      where status = 'held' and expires_at <= ${input.now}
        and (expiry_lease_until is null or expiry_lease_until <= ${input.now})
      order by expires_at
      limit ${input.limit}
      for update skip locked
    )
    returning ${sql.join(holdColumns.map((column) => sql.ref(column)))}
  `.execute(db);
  return rows;
}
