-- Every status an admin gave a wallet (frozen, active again, closed), with who did it and
-- why; written in the transaction that changes `wallets.status`, and never edited.
create table wallet_status_changes (
  id uuid primary key,
  wallet_id uuid not null references wallets (id),
  from_status text not null check (from_status in ('active', 'frozen', 'closed')),
  to_status text not null check (to_status in ('active', 'frozen', 'closed')),
  reason text not null,
  changed_by uuid not null,
  changed_at timestamptz not null,
  check (from_status <> to_status)
);

create index wallet_status_changes_wallet_idx on wallet_status_changes (wallet_id, changed_at);
