-- Payouts: money out of a wallet to a PayPal account. The ledger debits the wallet to
-- payouts-clearing (`transfer_id`), PayPal's Payouts API sends it (`sender_batch_id` is the
-- payout id, so a second send is refused by PayPal), and the item's outcome settles the
-- money (succeeded) or gives it back to the wallet (failed, returned). Money is bigint minor units.
create table payouts (
  id uuid primary key,
  user_id uuid not null,
  wallet_id uuid not null,
  amount bigint not null check (amount > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  receiver text not null,
  metadata jsonb not null default '{}',
  status text not null
    check (status in ('pending', 'processing', 'unclaimed', 'succeeded', 'failed', 'returned')),
  failure_reason text check (failure_reason in
    ('insufficient_funds', 'limit_exceeded', 'wallet_frozen', 'denied', 'failed', 'blocked', 'returned',
     'balance_changed')),
  -- The ledger's withdrawal; null until the debit is posted (and for ever when it was refused).
  transfer_id uuid unique,
  paypal_batch_id text unique,
  paypal_item_id text unique,
  -- The user's Idempotency-Key and the SHA-256 of the request it came with.
  idempotency_key text not null,
  request_hash text not null,
  -- When the payout is next worked on by the payouts loop: sent (pending), read from
  -- PayPal (processing, unclaimed). Until then, a pending payout belongs to the request
  -- or loop pass that set it.
  next_attempt_at timestamptz,
  -- When the ledger carried out the final status (settled or gave the money back); null
  -- while that is still to do.
  ledger_done_at timestamptz,
  -- An admin's release of a frozen or closed wallet's balance: who and why; null otherwise.
  released_by uuid,
  release_reason text,
  sandbox boolean not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  completed_at timestamptz,
  constraint payouts_idempotency_key unique (user_id, idempotency_key),
  check ((status in ('failed', 'returned')) = (failure_reason is not null)),
  check ((status in ('succeeded', 'failed', 'returned')) = (completed_at is not null)),
  check ((released_by is null) = (release_reason is null))
);

-- A user's payouts, newest first (ids are UUIDv7).
create index payouts_user_idx on payouts (user_id, id);
-- The loop's work: payouts still to send or to read, and final ones whose ledger part is left.
create index payouts_due_idx on payouts (next_attempt_at) where status in ('pending', 'processing', 'unclaimed');
create index payouts_ledger_todo_idx on payouts (id)
  where status in ('succeeded', 'failed', 'returned') and ledger_done_at is null;
