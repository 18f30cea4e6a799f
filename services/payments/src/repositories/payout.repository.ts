import type { Executor } from '../database.js';
import {
  finalPayoutStatuses,
  openPayoutStatuses,
  type PayoutFailureReason,
  type PayoutRecord,
  type PayoutStatus,
} from '../domain/payout.js';

export async function insertPayout(db: Executor, payout: PayoutRecord): Promise<void> {
  await db.insertInto('payouts').values(payout).execute();
}

/** True when a unique violation comes from the (user, Idempotency-Key) constraint. */
export function isIdempotencyKeyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'payouts_idempotency_key';
}

export async function findPayout(db: Executor, id: string): Promise<PayoutRecord | undefined> {
  return db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPayoutByKey(
  db: Executor,
  userId: string,
  idempotencyKey: string,
): Promise<PayoutRecord | undefined> {
  return db
    .selectFrom('payouts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Newest first (ids are UUIDv7); `beforeId` continues after the last payout of the previous page. */
export async function listPayouts(
  db: Executor,
  filter: { userId: string | undefined; status: PayoutStatus | undefined; walletId: string | undefined },
  page: { beforeId: string | undefined; limit: number },
): Promise<PayoutRecord[]> {
  let query = db.selectFrom('payouts').selectAll();
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.walletId !== undefined) query = query.where('wallet_id', '=', filter.walletId);
  if (page.beforeId !== undefined) query = query.where('id', '<', page.beforeId);
  return query.orderBy('id', 'desc').limit(page.limit).execute();
}

/**
 * Takes an open payout whose time to be worked on has come, and holds it until `holdUntil`;
 * one statement, so two loop passes (or replicas) never take the same payout at once.
 */
export async function claimDuePayout(
  db: Executor,
  id: string,
  now: Date,
  holdUntil: Date,
): Promise<PayoutRecord | undefined> {
  return db
    .updateTable('payouts')
    .set({ next_attempt_at: holdUntil })
    .where('id', '=', id)
    .where('status', 'in', openPayoutStatuses)
    .where('next_attempt_at', '<=', now)
    .returningAll()
    .executeTakeFirst();
}

/** The ids of open payouts due to be worked on, oldest due first. */
export async function findDuePayoutIds(db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('payouts')
    .select('id')
    .where('status', 'in', openPayoutStatuses)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Final payouts whose ledger part (settle, give back) is still to do. */
export async function findLedgerTodo(db: Executor, limit: number): Promise<PayoutRecord[]> {
  return db
    .selectFrom('payouts')
    .selectAll()
    .where('status', 'in', finalPayoutStatuses)
    .where('ledger_done_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Records the ledger's withdrawal of a pending payout. */
export async function recordWithdrawal(
  db: Executor,
  id: string,
  transferId: string,
  now: Date,
): Promise<PayoutRecord | undefined> {
  return db
    .updateTable('payouts')
    .set({ transfer_id: transferId, updated_at: now })
    .where('id', '=', id)
    .where('transfer_id', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Records PayPal's batch (and item, when known) of a payout still open, and when to read it next. */
export async function recordSent(
  db: Executor,
  id: string,
  sent: { batchId: string; itemId: string | null; nextAttemptAt: Date },
  now: Date,
): Promise<PayoutRecord | undefined> {
  return db
    .updateTable('payouts')
    .set((eb) => ({
      paypal_batch_id: sent.batchId,
      paypal_item_id: eb.fn.coalesce('paypal_item_id', eb.val(sent.itemId)),
      status: eb
        .case()
        .when('status', '=', 'pending')
        .then('processing' as PayoutStatus)
        .else(eb.ref('status'))
        .end(),
      next_attempt_at: sent.nextAttemptAt,
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', 'in', openPayoutStatuses)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Moves a payout from one of `from` to `to`; nothing when another change came first (the
 * condition on the current status makes each final status happen once).
 */
export async function changeStatus(
  db: Executor,
  id: string,
  change: {
    from: readonly PayoutStatus[];
    to: PayoutStatus;
    reason?: PayoutFailureReason;
    /** PayPal's item and batch, when the change comes from PayPal. */
    item?: { itemId: string; batchId: string };
    nextAttemptAt?: Date | null;
    /** Set when nothing is left for the ledger to do (a refused debit). */
    ledgerDone?: boolean;
  },
  now: Date,
): Promise<PayoutRecord | undefined> {
  const final = finalPayoutStatuses.includes(change.to);
  return db
    .updateTable('payouts')
    .set((eb) => ({
      status: change.to,
      failure_reason: change.reason ?? null,
      ...(change.item
        ? {
            paypal_item_id: eb.fn.coalesce('paypal_item_id', eb.val(change.item.itemId)),
            paypal_batch_id: eb.fn.coalesce('paypal_batch_id', eb.val(change.item.batchId)),
          }
        : {}),
      ...(change.nextAttemptAt === undefined ? {} : { next_attempt_at: change.nextAttemptAt }),
      ...(final ? { completed_at: now, next_attempt_at: null } : {}),
      ...(change.ledgerDone ? { ledger_done_at: now } : {}),
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', 'in', change.from)
    .returningAll()
    .executeTakeFirst();
}

/** Puts off the next attempt (a send PayPal did not take, a read that failed). */
export async function postpone(db: Executor, id: string, nextAttemptAt: Date): Promise<void> {
  await db
    .updateTable('payouts')
    .set({ next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .where('status', 'in', openPayoutStatuses)
    .execute();
}

export async function markLedgerDone(db: Executor, id: string, now: Date): Promise<void> {
  await db.updateTable('payouts').set({ ledger_done_at: now }).where('id', '=', id).execute();
}
