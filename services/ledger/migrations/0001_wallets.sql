-- Wallet types, savings plans, wallets and their ledger accounts. Money columns are
-- bigint minor units; no column holding money is ever numeric or floating point.
create table wallet_types (
  code text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

insert into wallet_types (code, name) values ('personal', 'Personal'), ('business', 'Business');

create table savings_plans (
  id uuid primary key,
  name text not null,
  kind text not null check (kind in ('flat', 'percentage')),
  -- Minor units for flat, basis points for percentage.
  value bigint not null check (value > 0),
  created_at timestamptz not null,
  check (kind = 'flat' or value <= 10000)
);

create table wallets (
  id uuid primary key,
  owner_id uuid not null,
  type text not null references wallet_types (code),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  status text not null default 'active' check (status in ('active', 'frozen', 'closed')),
  is_default boolean not null default false,
  savings_plan_id uuid references savings_plans (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- Money sent to a user lands in their default wallet of the currency: at most one.
create unique index wallets_default_key on wallets (owner_id, currency) where is_default;
create index wallets_owner_idx on wallets (owner_id, id);

-- One main and one savings account per wallet, and system accounts (paypal-clearing,
-- back-office) per currency, created on first use, through which money enters.
create table accounts (
  id uuid primary key,
  wallet_id uuid references wallets (id),
  kind text not null check (kind in ('main', 'savings', 'system')),
  system_code text check (system_code in ('paypal-clearing', 'back-office')),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  balance bigint not null default 0,
  -- The time of the last entry, so that entry times never go backwards on one account.
  last_entry_at timestamptz,
  created_at timestamptz not null,
  check ((kind = 'system') = (wallet_id is null)),
  check ((kind = 'system') = (system_code is not null)),
  -- The last line of defence: the service checks funds before it writes.
  constraint accounts_balance_not_negative check (kind = 'system' or balance >= 0)
);

create unique index accounts_wallet_kind_key on accounts (wallet_id, kind) where wallet_id is not null;
create unique index accounts_system_key on accounts (system_code, currency) where system_code is not null;
