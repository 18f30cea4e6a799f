-- Users identity deleted, as the ledger learnt it from `identity.user.deleted`: no wallet is
-- opened for them any more, and their wallets were closed or frozen then.
create table deleted_owners (
  owner_id uuid primary key,
  deleted_at timestamptz not null
);
