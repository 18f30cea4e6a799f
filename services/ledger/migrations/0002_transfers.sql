-- Transfers and their entries: the journal. Entries are immutable; every balance can be
-- recomputed from them.
create table transfers (
  id uuid primary key,
  type text not null check (type in ('deposit', 'transfer', 'payment', 'withdrawal', 'savings')),
  amount bigint not null check (amount > 0),
  currency text not null,
  description text,
  metadata jsonb not null default '{}',
  from_wallet_id uuid references wallets (id),
  to_wallet_id uuid references wallets (id),
  -- Owners copied from the wallets, so that a user's history needs no join.
  from_owner_id uuid,
  to_owner_id uuid,
  initiator_id uuid,
  idempotency_scope text not null,
  idempotency_key text not null,
  created_at timestamptz not null,
  -- Kept for ever, unlike idempotency records: a key moves money at most once.
  constraint transfers_idempotency_key unique (idempotency_scope, idempotency_key)
);

create index transfers_from_wallet_idx on transfers (from_wallet_id, id);
create index transfers_to_wallet_idx on transfers (to_wallet_id, id);
create index transfers_from_owner_idx on transfers (from_owner_id, id);
create index transfers_to_owner_idx on transfers (to_owner_id, id);

create table entries (
  id uuid primary key,
  -- The order of entries on one account (assigned under the account's row lock).
  seq bigint generated always as identity,
  transfer_id uuid not null references transfers (id),
  account_id uuid not null references accounts (id),
  -- Signed: positive credits the account, negative debits it.
  amount bigint not null check (amount <> 0),
  balance_after bigint not null,
  created_at timestamptz not null
);

create index entries_transfer_idx on entries (transfer_id);
-- Balance as of an instant: the last entry of an account at or before it.
create index entries_account_time_idx on entries (account_id, created_at, seq);

create function refuse_journal_change() returns trigger language plpgsql as $$
begin
  raise exception 'the journal is append-only: % on % is refused', tg_op, tg_table_name;
end;
$$;

create trigger entries_append_only before update or delete on entries
  for each statement execute function refuse_journal_change();
create trigger transfers_append_only before update or delete on transfers
  for each statement execute function refuse_journal_change();
