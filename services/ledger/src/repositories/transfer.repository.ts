import { type ClaimingOutbox, type CloudEvent, jsonRows, outboxInsertOf, rowsOf } from '@moneypal/kit';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../database.js';
import type { PlannedEntry } from '../domain/posting.js';
import type { EntryView, TransferRecord } from '../domain/transfer.js';
import type { IdempotencyRecord } from './idempotency.repository.js';

export interface Posting {
  transfer: TransferRecord;
  entries: PlannedEntry[];
  /** The wallet whose daily usage of a transaction type (the transfer's, or the one whose rules applied) grows by its amount. */
  usage: { walletId: string; type: string; day: string };
  /** `ledger.transfer.posted`, and for a hold the hold's own event. */
  events: CloudEvent[];
  idempotency: IdempotencyRecord;
}

/**
 * Writes a batch of postings and refusals in one statement (one round trip): the
 * transfers, their entries, the new balances, the daily usage, the outbox events (the rows
 * kit's `enqueueEvents` writes, claimed for the relay that publishes them after the
 * commit) and the idempotency records with the stored answers, of the postings and of the
 * refusals. The accounts must be locked by `lockPostingAccounts` in
 * the same transaction, under which the entries' `balanceAfter` were computed, in the
 * order of `postings`; the CHECK on accounts refuses a negative user balance regardless.
 * Balance and usage changes are netted per row, so a hot account is updated once.
 */
export async function insertPostings(
  db: Executor,
  batch: {
    postings: readonly Posting[];
    refusals: readonly IdempotencyRecord[];
    /** The relay the events are claimed for: it publishes them after the commit. */
    outbox: Pick<ClaimingOutbox, 'leaseMs'>;
  },
): Promise<void> {
  const { postings, refusals } = batch;
  const records = [...postings.map((posting) => posting.idempotency), ...refusals];
  if (records.length === 0) return;
  const steps = [];
  if (postings.length > 0) {
    const balances = new Map<string, { amount: bigint; time: Date }>();
    const usages = new Map<
      string,
      { walletId: string; type: string; day: string; total: bigint; count: number }
    >();
    for (const { transfer, entries, usage } of postings) {
      for (const entry of entries) {
        const change = balances.get(entry.accountId);
        if (change === undefined)
          balances.set(entry.accountId, { amount: entry.amount, time: transfer.created_at });
        else {
          change.amount += entry.amount;
          if (transfer.created_at > change.time) change.time = transfer.created_at;
        }
      }
      const usageKey = `${usage.walletId}/${usage.type}/${usage.day}`;
      const used = usages.get(usageKey);
      if (used === undefined) {
        usages.set(usageKey, {
          walletId: usage.walletId,
          type: usage.type,
          day: usage.day,
          total: transfer.amount,
          count: 1,
        });
      } else {
        used.total += transfer.amount;
        used.count += 1;
      }
    }
    // Entries are inserted in posting order, so their `seq` follows the running balances.
    const entryRows = postings.flatMap(({ transfer, entries }) =>
      entries.map((entry) => ({
        id: entry.id,
        transfer_id: transfer.id,
        account_id: entry.accountId,
        amount: entry.amount,
        balance_after: entry.balanceAfter,
        created_at: transfer.created_at,
      })),
    );
    const balanceChanges = [...balances].map(([accountId, change]) => ({
      account_id: accountId,
      amount: change.amount,
      time: change.time,
    }));
    const usageRows = [...usages.values()].map((used) => ({
      wallet_id: used.walletId,
      transaction_type: used.type,
      day: used.day,
      total: used.total,
      count: used.count,
    }));
    steps.push(
      sql`new_transfers as (
        insert into transfers (id, type, amount, currency, description, metadata, from_wallet_id, to_wallet_id,
                               from_owner_id, to_owner_id, initiator_id, idempotency_scope, idempotency_key, created_at,
                               reversal_of, hold_id)
        select id, type, amount, currency, description, metadata, from_wallet_id, to_wallet_id,
               from_owner_id, to_owner_id, initiator_id, idempotency_scope, idempotency_key, created_at,
               reversal_of, hold_id
        from ${rowsOf(
          'transfers',
          postings.map(({ transfer }) => transfer),
        )}
      )`,
      sql`new_entries as (
        insert into entries (id, transfer_id, account_id, amount, balance_after, created_at)
        select id, transfer_id, account_id, amount, balance_after, created_at
        from ${rowsOf('entries', entryRows)} with ordinality as entry
        order by entry.ordinality
      )`,
      // The ids again as an array, which the planner counts: it then finds the accounts by
      // their key instead of reading the whole table to join a set it guesses has 100 rows.
      sql`new_balances as (
        update accounts set balance = accounts.balance + change.amount, last_entry_at = change.time
        from jsonb_to_recordset(${jsonRows(balanceChanges)}) as change (account_id uuid, amount bigint, time timestamptz)
        where accounts.id = change.account_id
          and accounts.id = any(${balanceChanges.map((change) => change.account_id)}::uuid[])
      )`,
      sql`new_usage as (
        insert into daily_usage (wallet_id, transaction_type, day, total, count)
        select wallet_id, transaction_type, day, total, count from ${rowsOf('daily_usage', usageRows)}
        on conflict (wallet_id, transaction_type, day)
        do update set total = daily_usage.total + excluded.total, count = daily_usage.count + excluded.count
      )`,
      sql`new_events as (${outboxInsertOf(
        postings.flatMap(({ events }) => events),
        batch.outbox,
      )})`,
    );
  }
  const insertRecords = sql`
    insert into idempotency_keys (scope, key, operation, request_hash, response, created_at)
    select scope, key, operation, request_hash, response, created_at from ${rowsOf('idempotency_keys', records)}
  `;
  try {
    await (steps.length === 0 ? insertRecords : sql`with ${sql.join(steps)} ${insertRecords}`).execute(db);
  } catch (error) {
    if (isTransferKeyConflict(error)) throw new TransferKeyUsedError();
    throw error;
  }
}

/** The key moved money before and its idempotency record has since expired. */
export class TransferKeyUsedError extends Error {
  constructor() {
    super('a transfer with this idempotency key exists');
    this.name = 'TransferKeyUsedError';
  }
}

function isTransferKeyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'transfers_idempotency_key';
}

/**
 * How much of each transfer its reversals moved back so far, by transfer id (0 for one
 * never reversed). The wallets of the originals must be locked in the same transaction:
 * every reversal locks them too, so no other can be posted between this read and the write.
 */
export async function sumReversedAmounts(
  db: Executor,
  transferIds: readonly string[],
): Promise<Map<string, bigint>> {
  const reversed = new Map<string, bigint>(transferIds.map((id) => [id, 0n]));
  if (transferIds.length === 0) return reversed;
  const rows = await db
    .selectFrom('transfers')
    .select(['reversal_of', (eb) => eb.fn.sum<string>('amount').as('total')])
    .where('reversal_of', 'in', [...transferIds])
    .groupBy('reversal_of')
    .execute();
  for (const row of rows) reversed.set(row.reversal_of!, BigInt(row.total));
  return reversed;
}

type TransferRow = Omit<TransferRecord, 'type'> & { type: string };

function toTransferRecord(row: TransferRow): TransferRecord {
  return { ...row, type: row.type as TransferRecord['type'] };
}

export async function findTransfer(db: Executor, id: string): Promise<TransferRecord | undefined> {
  const row = await db.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTransferRecord(row);
}

/** The entries of a transfer with their accounts, in posting order. */
export async function findEntriesOfTransfer(db: Executor, transferId: string): Promise<EntryView[]> {
  return (await findEntriesOfTransfers(db, [transferId])).get(transferId) ?? [];
}

/**
 * Transfers by id with their entries (with their accounts, in posting order), in two
 * statements however many: the journal side of stored answers being replayed.
 */
export async function findTransfersWithEntries(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { transfer: TransferRecord; entries: EntryView[] }>> {
  const found = new Map<string, { transfer: TransferRecord; entries: EntryView[] }>();
  if (ids.length === 0) return found;
  const transfers = await db
    .selectFrom('transfers')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const entries = await findEntriesOfTransfers(db, ids);
  for (const row of transfers) {
    found.set(row.id, { transfer: toTransferRecord(row), entries: entries.get(row.id) ?? [] });
  }
  return found;
}

/** The entries of transfers with their accounts, in posting order, by transfer id. */
async function findEntriesOfTransfers(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, EntryView[]>> {
  const rows = await db
    .selectFrom('entries')
    .innerJoin('accounts', 'accounts.id', 'entries.account_id')
    .select([
      'entries.id',
      'entries.transfer_id',
      'entries.account_id',
      'accounts.wallet_id',
      'accounts.kind',
      'entries.amount',
      'entries.balance_after',
    ])
    .where('entries.transfer_id', 'in', [...ids])
    .orderBy('entries.seq')
    .execute();
  const byTransfer = new Map<string, EntryView[]>();
  for (const row of rows) {
    let entries = byTransfer.get(row.transfer_id);
    if (entries === undefined) {
      entries = [];
      byTransfer.set(row.transfer_id, entries);
    }
    entries.push({
      id: row.id,
      accountId: row.account_id,
      walletId: row.wallet_id,
      kind: row.kind,
      amount: row.amount,
      balanceAfter: row.balance_after,
    });
  }
  return byTransfer;
}

export interface TransferListFilters {
  /** Transfers touching this wallet; else those touching `ownerId`'s wallets; else all. */
  walletId?: string | undefined;
  ownerId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  type?: string | undefined;
  /** Relative to the wallet, or to the owner's wallets: in = credited, out = debited. */
  direction?: 'in' | 'out' | undefined;
  minAmount?: bigint | undefined;
  maxAmount?: bigint | undefined;
  /** A wallet id or owner id on the other side. */
  counterparty?: string | undefined;
  /**
   * Words of the other side's name or user name (matched case-insensitively anywhere in
   * either, against the names in `owner_names`); used when `counterparty` is not given.
   */
  counterpartyName?: string | undefined;
  /** Words in the description, matched case-insensitively anywhere in it. */
  note?: string | undefined;
  /** Pairs the transfer's metadata must all hold, exactly. */
  metadata?: Record<string, string> | undefined;
}

/** An ILIKE pattern that finds `words` anywhere, with the pattern's own characters taken literally. */
function containsPatternOf(words: string): string {
  return `%${words.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Newest first (ids are UUIDv7), `limit` rows before the cursor's id. */
export async function listTransfers(
  db: Executor,
  filters: TransferListFilters,
  page: { beforeId?: string | undefined; limit: number },
): Promise<TransferRecord[]> {
  let query = db.selectFrom('transfers').selectAll();
  const { walletId, ownerId, counterparty } = filters;
  // The side of a transfer that is "ours", as a column pair: wallet or owner.
  const ours =
    walletId !== undefined
      ? ({ value: walletId, from: 'from_wallet_id', to: 'to_wallet_id' } as const)
      : ownerId !== undefined
        ? ({ value: ownerId, from: 'from_owner_id', to: 'to_owner_id' } as const)
        : undefined;
  const namePattern =
    filters.counterpartyName === undefined ? undefined : containsPatternOf(filters.counterpartyName);
  query = query.where((eb) => {
    const conditions: Expression<SqlBool>[] = [];
    const outgoing = ours && eb(ours.from, '=', ours.value);
    const incoming = ours && eb(ours.to, '=', ours.value);
    // Whether the owner on one side is named so: a scalar subquery, so one lookup by primary
    // key per transfer the other filters leave (a user's, through the owner or wallet index),
    // however many users there are. As EXISTS or IN, the planner would rather match every
    // name first (a hashed subplan): a scan of all of owner_names, 300 ms at 100,000 users.
    const namedOn = (side: 'from_owner_id' | 'to_owner_id', pattern: string) =>
      sql<SqlBool>`coalesce((
        select names.user_name ilike ${pattern} or names.display_name ilike ${pattern}
        from owner_names as names
        where names.owner_id = ${sql.ref(`transfers.${side}`)}
      ), false)`;
    const otherIsFrom =
      counterparty !== undefined
        ? eb.or([eb('from_wallet_id', '=', counterparty), eb('from_owner_id', '=', counterparty)])
        : namePattern === undefined
          ? undefined
          : namedOn('from_owner_id', namePattern);
    const otherIsTo =
      counterparty !== undefined
        ? eb.or([eb('to_wallet_id', '=', counterparty), eb('to_owner_id', '=', counterparty)])
        : namePattern === undefined
          ? undefined
          : namedOn('to_owner_id', namePattern);
    if (ours) {
      const outSide = otherIsTo ? eb.and([outgoing!, otherIsTo]) : outgoing!;
      const inSide = otherIsFrom ? eb.and([incoming!, otherIsFrom]) : incoming!;
      if (filters.direction === 'out') conditions.push(outSide);
      else if (filters.direction === 'in') conditions.push(inSide);
      else conditions.push(eb.or([outSide, inSide]));
    } else if (otherIsFrom && otherIsTo) {
      conditions.push(eb.or([otherIsFrom, otherIsTo]));
    }
    if (filters.from !== undefined) conditions.push(eb('created_at', '>=', filters.from));
    if (filters.to !== undefined) conditions.push(eb('created_at', '<', filters.to));
    if (filters.type !== undefined) conditions.push(eb('type', '=', filters.type));
    if (filters.minAmount !== undefined) conditions.push(eb('amount', '>=', filters.minAmount));
    if (filters.maxAmount !== undefined) conditions.push(eb('amount', '<=', filters.maxAmount));
    if (filters.note !== undefined)
      conditions.push(eb('description', 'ilike', containsPatternOf(filters.note)));
    // Containment, so that the GIN index transfers_metadata_idx can serve it.
    if (filters.metadata !== undefined && Object.keys(filters.metadata).length > 0) {
      conditions.push(sql<SqlBool>`metadata @> ${JSON.stringify(filters.metadata)}::jsonb`);
    }
    if (page.beforeId !== undefined) conditions.push(eb('id', '<', page.beforeId));
    return eb.and(conditions);
  });
  const rows = await query.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toTransferRecord);
}
