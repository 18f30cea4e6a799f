-- The report's projection of the ledger's transfers: one row per user side of a
-- transfer that a report counts, filled from `ledger.transfer.posted`.
create table report_movements (
  transfer_id uuid not null,
  user_id uuid not null,
  direction text not null check (direction in ('in', 'out')),
  kind text not null check (kind in ('payment', 'deposit', 'transfer')),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  -- The UTC day the transfer was posted.
  day date not null,
  amount bigint not null check (amount > 0),
  primary key (transfer_id, user_id, direction)
);

create index report_movements_user_day_idx on report_movements (user_id, day);
