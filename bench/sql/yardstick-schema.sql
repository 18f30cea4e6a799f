-- The yardstick R: what one transfer costs PostgreSQL itself when a single round trip does
-- all of it. Accounts with a balance that may not go negative, a transfer row and its two
-- entries, written by one plpgsql function. No idempotency, no events, no authorisation:
-- the floor that any ledger on the same server can only add to.

create table accounts (
  id bigint primary key,
  balance bigint not null check (balance >= 0)
);

create table transfers (
  id bigint generated always as identity primary key,
  from_account_id bigint not null,
  to_account_id bigint not null,
  amount bigint not null check (amount > 0),
  created_at timestamptz not null default now()
);

create table entries (
  id bigint generated always as identity primary key,
  transfer_id bigint not null,
  account_id bigint not null,
  amount bigint not null
);

-- An account's history is read by account: a ledger keeps this index, so the yardstick pays for it too.
create index entries_account_id on entries (account_id);

-- Moves p_amount from p_from to p_to and answers true, or answers false and writes nothing
-- when p_from holds less (a refusal, not an error: pgbench would end the client on an error).
create function transfer(p_from bigint, p_to bigint, p_amount bigint) returns boolean
language plpgsql as $$
declare
  v_transfer_id bigint;
begin
  -- Both rows are locked in id order, so two opposite transfers cannot deadlock: the lower
  -- id first here, the other by whichever update below touches it first.
  perform 1 from accounts where id = least(p_from, p_to) for update;
  update accounts set balance = balance - p_amount where id = p_from and balance >= p_amount;
  if not found then
    return false;
  end if;
  update accounts set balance = balance + p_amount where id = p_to;
  insert into transfers (from_account_id, to_account_id, amount)
    values (p_from, p_to, p_amount)
    returning id into v_transfer_id;
  insert into entries (transfer_id, account_id, amount)
    values (v_transfer_id, p_from, -p_amount), (v_transfer_id, p_to, p_amount);
  return true;
end;
$$;
