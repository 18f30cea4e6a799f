import { sql } from 'kysely';
import type { Executor } from '../database.js';

/**
 * The checks of the ledger's invariants (SPEC §6) that its data can show. Each returns how
 * many items it looked at and how many break the invariant, with a few examples.
 */
export interface CheckCount {
  checked: number;
  violations: number;
  examples: string[];
}

async function count(db: Executor, checked: string, violations: string): Promise<CheckCount> {
  const total = await sql.raw<{ n: bigint | number | string }>(checked).execute(db);
  const bad = await sql.raw<{ example: string }>(violations).execute(db);
  return {
    checked: Number(total.rows[0]?.n ?? 0),
    violations: bad.rows.length,
    examples: bad.rows.slice(0, 5).map((row) => row.example),
  };
}

/** 1. Every transfer's entries sum to zero, and it has at least two. */
export function checkTransfersBalanced(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from transfers',
    `select t.id || ': sum ' || coalesce(sum(e.amount), 0) || ' over ' || count(e.id) || ' entries' as example
     from transfers t left join entries e on e.transfer_id = t.id
     group by t.id having coalesce(sum(e.amount), 0) <> 0 or count(e.id) < 2`,
  );
}

/** Every entry's account and transfer exist, and every transfer's wallets. */
export function checkJournalReferences(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select (select count(*) from entries) + (select count(*) from transfers) as n',
    `select 'entry ' || e.id || ' names a missing ' ||
            case when a.id is null then 'account ' || e.account_id else 'transfer ' || e.transfer_id end as example
     from entries e left join accounts a on a.id = e.account_id left join transfers t on t.id = e.transfer_id
     where a.id is null or t.id is null
     union all
     select 'transfer ' || t.id || ' names a missing wallet' as example
     from transfers t
     left join wallets f on f.id = t.from_wallet_id
     left join wallets w on w.id = t.to_wallet_id
     where (t.from_wallet_id is not null and f.id is null) or (t.to_wallet_id is not null and w.id is null)`,
  );
}

/** Every entry posts to an account of its transfer's currency. */
export function checkEntryCurrencies(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from entries',
    `select e.id || ': ' || a.currency || ' account in a ' || t.currency || ' transfer' as example
     from entries e join accounts a on a.id = e.account_id join transfers t on t.id = e.transfer_id
     where a.currency <> t.currency`,
  );
}

/** 2. Per currency, all account balances sum to zero. */
export function checkCurrenciesBalanced(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(distinct currency) as n from accounts',
    `select currency || ': balances sum to ' || sum(balance) as example
     from accounts group by currency having sum(balance) <> 0`,
  );
}

/** 3. Every account balance equals the sum of its entries. */
export function checkBalancesMatchEntries(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from accounts',
    `select a.id || ': balance ' || a.balance || ', entries sum ' || coalesce(s.total, 0) as example
     from accounts a left join (select account_id, sum(amount) as total from entries group by account_id) s
       on s.account_id = a.id
     where a.balance <> coalesce(s.total, 0)`,
  );
}

/** 3. Every entry's balance_after is the running sum of its account's entries, in order; times never go back. */
export function checkRunningBalances(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from entries',
    `select id || ': balance_after ' || balance_after || ', running sum ' || running ||
            case when created_at < previous_at then ' (time goes backwards)' else '' end as example
     from (select id, balance_after, created_at,
                  sum(amount) over (partition by account_id order by seq) as running,
                  lag(created_at) over (partition by account_id order by seq) as previous_at
           from entries) ordered
     where balance_after <> running or created_at < previous_at`,
  );
}

/** 4. No user account is below zero. */
export function checkNoNegativeUserBalance(db: Executor): Promise<CheckCount> {
  return count(
    db,
    `select count(*) as n from accounts where kind <> 'system'`,
    `select id || ' (' || kind || '): ' || balance as example
     from accounts where kind <> 'system' and balance < 0`,
  );
}

/** 5. Each (scope, key) has one idempotency record. */
export function checkIdempotencyKeysUnique(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from idempotency_keys',
    `select scope || '/' || key || ': ' || count(*) || ' records' as example
     from idempotency_keys group by scope, key having count(*) > 1`,
  );
}

/** 5. Each idempotency key moved money once. */
export function checkTransferKeysUnique(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from transfers',
    `select idempotency_scope || '/' || idempotency_key || ': ' || count(*) || ' transfers' as example
     from transfers group by idempotency_scope, idempotency_key having count(*) > 1`,
  );
}

/** 1. A transfer's reversals together return at most its amount (entries are never edited, so each reverses part of it). */
export function checkReversalsWithinOriginal(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(distinct reversal_of) as n from transfers where reversal_of is not null',
    `select o.id || ': ' || sum(r.amount) || ' reversed of ' || o.amount as example
     from transfers r join transfers o on o.id = r.reversal_of
     group by o.id, o.amount having sum(r.amount) > o.amount`,
  );
}

/** 7. Every wallet's held account holds exactly the amounts of its open holds (as their payer). */
export function checkOpenHoldsHeld(db: Executor): Promise<CheckCount> {
  return count(
    db,
    `select count(*) as n from accounts where kind = 'held'`,
    `select 'wallet ' || a.wallet_id || ': held ' || a.balance || ', open holds ' || coalesce(h.total, 0) as example
     from accounts a
     left join (select from_wallet_id, sum(amount) as total from holds where status = 'held' group by from_wallet_id) h
       on h.from_wallet_id = a.wallet_id
     where a.kind = 'held' and a.balance <> coalesce(h.total, 0)`,
  );
}

/**
 * 7. Every hold was opened by one transfer and settled by at most one: none while held, one
 * (the one it names) once captured, voided or expired; and no transfer names a missing hold.
 */
export function checkHoldsSettledOnce(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from holds',
    `select h.id || ' (' || h.status || '): opened by ' || c.opened || ', settled by ' || c.settled || ' transfers' as example
     from holds h
     cross join lateral (
       select count(*) filter (where t.type = 'hold') as opened,
              count(*) filter (where t.type in ('hold_capture', 'hold_void')) as settled,
              count(*) filter (where t.id = h.settlement_transfer_id) as named
       from transfers t where t.hold_id = h.id
     ) c
     where c.opened <> 1 or c.settled <> (case when h.status = 'held' then 0 else 1 end)
        or c.named <> (case when h.status = 'held' then 0 else 1 end)
     union all
     select 'transfer ' || t.id || ' names a missing hold ' || t.hold_id as example
     from transfers t left join holds h on h.id = t.hold_id
     where t.hold_id is not null and h.id is null`,
  );
}

/**
 * Every payout's withdrawal (to `payouts-clearing`) ended at most one way: moved on to
 * `paypal-clearing` once, by its whole amount, or given back (a reversal); never both.
 */
export function checkPayoutsSettledOnce(db: Executor): Promise<CheckCount> {
  return count(
    db,
    `select count(*) as n from transfers where type = 'withdrawal' and metadata->>'destination' = 'payouts-clearing'`,
    `select w.id || ': cleared ' || c.cleared || ' times (' || c.cleared_amount || ' of ' || w.amount || '), given back ' || c.returned as example
     from transfers w
     cross join lateral (
       select count(*) filter (where t.type = 'clearing') as cleared,
              coalesce(sum(t.amount) filter (where t.type = 'clearing'), 0) as cleared_amount,
              count(*) filter (where t.type = 'reversal') as returned
       from transfers t
       where (t.type = 'clearing' and t.metadata->>'withdrawal_id' = w.id::text)
          or (t.type = 'reversal' and t.reversal_of = w.id)
     ) c
     where w.type = 'withdrawal' and w.metadata->>'destination' = 'payouts-clearing'
       and (c.cleared > 1 or (c.cleared = 1 and (c.returned > 0 or c.cleared_amount <> w.amount)))
     union all
     select t.id || ': a clearing of no payout withdrawal' as example
     from transfers t left join transfers w on w.id::text = t.metadata->>'withdrawal_id'
       and w.type = 'withdrawal' and w.metadata->>'destination' = 'payouts-clearing'
     where t.type = 'clearing' and w.id is null`,
  );
}

/** 5. Each event was applied once per consumer. */
export function checkInboxUnique(db: Executor): Promise<CheckCount> {
  return count(
    db,
    'select count(*) as n from inbox',
    `select consumer || '/' || event_id || ': ' || count(*) || ' times' as example
     from inbox group by consumer, event_id having count(*) > 1`,
  );
}
