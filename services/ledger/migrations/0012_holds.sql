-- Escrow holds. Each wallet gets a third account, `held`, where open holds keep the payer's
-- money: out of the main balance (nobody can spend it twice), not yet the payee's. Like
-- main and savings it never goes below zero. A hold is posted as a transfer of type `hold`
-- (payer main -> payer held) and settled, exactly once, by one transfer out of the held
-- account: `hold_capture` (to the payee, any rest back to the payer) or `hold_void` (all
-- back to the payer).
alter table accounts drop constraint accounts_kind_check;
alter table accounts add constraint accounts_kind_check check (kind in ('main', 'savings', 'held', 'system'));

insert into accounts (id, wallet_id, kind, currency, balance, created_at)
select gen_random_uuid(), w.id, 'held', w.currency, 0, w.created_at
from wallets w;

alter table transfers drop constraint transfers_type_check;
alter table transfers add constraint transfers_type_check
  check (type in ('deposit', 'transfer', 'payment', 'withdrawal', 'savings', 'reversal',
                  'hold', 'hold_capture', 'hold_void'));

-- The hold a transfer creates or settles; the check that no hold is settled twice counts them.
alter table transfers add column hold_id uuid;
alter table transfers add constraint transfers_hold_link
  check ((type in ('hold', 'hold_capture', 'hold_void')) = (hold_id is not null));
create index transfers_hold_idx on transfers (hold_id) where hold_id is not null;

create table holds (
  id uuid primary key,
  status text not null check (status in ('held', 'captured', 'voided', 'expired')),
  amount bigint not null check (amount > 0),
  -- What went to the payee; the rest of `amount` went back to the payer.
  captured_amount bigint not null default 0 check (captured_amount >= 0 and captured_amount <= amount),
  currency text not null,
  description text,
  metadata jsonb not null default '{}',
  from_wallet_id uuid not null references wallets (id),
  to_wallet_id uuid not null references wallets (id),
  payer_id uuid not null,
  payee_id uuid not null,
  expires_at timestamptz,
  on_expiry text not null check (on_expiry in ('void', 'capture')),
  created_at timestamptz not null,
  settled_at timestamptz,
  settled_by uuid,
  transfer_id uuid not null unique references transfers (id),
  settlement_transfer_id uuid unique references transfers (id),
  -- Until when a ledger replica's expiry sweeper has taken the hold; another takes it after.
  expiry_lease_until timestamptz,
  check ((status = 'held') = (settlement_transfer_id is null)),
  check ((status = 'held') = (settled_at is null)),
  check (status in ('captured', 'expired') or captured_amount = 0),
  check (status <> 'captured' or captured_amount > 0),
  check (status <> 'expired' or expires_at is not null)
);

create index holds_due_idx on holds (expires_at) where status = 'held' and expires_at is not null;
create index holds_payer_idx on holds (payer_id, id);
create index holds_payee_idx on holds (payee_id, id);
create index holds_from_wallet_idx on holds (from_wallet_id, id);
create index holds_to_wallet_idx on holds (to_wallet_id, id);
