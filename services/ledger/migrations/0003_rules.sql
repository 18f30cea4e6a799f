-- Limits per wallet type and transaction type (null: no limit), and what each wallet has
-- used of them per UTC day.
create table transaction_rules (
  id uuid primary key,
  wallet_type text not null references wallet_types (code),
  transaction_type text not null
    check (transaction_type in ('deposit', 'transfer', 'payment', 'withdrawal', 'savings')),
  min_amount bigint check (min_amount > 0),
  max_amount bigint check (max_amount > 0),
  daily_total bigint check (daily_total > 0),
  daily_count integer check (daily_count > 0),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint transaction_rules_type_key unique (wallet_type, transaction_type),
  check (min_amount is null or max_amount is null or min_amount <= max_amount)
);

create table daily_usage (
  wallet_id uuid not null references wallets (id),
  transaction_type text not null,
  day date not null,
  total bigint not null default 0,
  count integer not null default 0,
  primary key (wallet_id, transaction_type, day)
);
