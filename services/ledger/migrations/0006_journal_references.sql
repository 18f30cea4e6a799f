-- The journal's references, checked once per statement instead of once per row. A foreign
-- key checks every new entry and transfer on its own (a query and a row lock on the
-- account or wallet each, four to six per transfer), although a posting has locked every
-- account it writes to before it writes. Here one set-based query per statement finds any
-- entry whose account or transfer is missing, or any transfer whose wallet is; and since
-- the journal is append-only, the only other way to break a reference — deleting an
-- account or a wallet, or changing its id — is refused outright. `ledger:verify` checks the
-- references too.
alter table entries drop constraint entries_account_id_fkey;
alter table entries drop constraint entries_transfer_id_fkey;
alter table transfers drop constraint transfers_from_wallet_id_fkey;
alter table transfers drop constraint transfers_to_wallet_id_fkey;

create function check_entry_references() returns trigger language plpgsql as $$
begin
  if exists (
    select 1 from new_entries e
    where not exists (select 1 from accounts a where a.id = e.account_id)
       or not exists (select 1 from transfers t where t.id = e.transfer_id)
  ) then
    raise exception 'an entry names an account or a transfer that does not exist'
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end;
$$;

create function check_transfer_references() returns trigger language plpgsql as $$
begin
  if exists (
    select 1 from new_transfers t
    where (t.from_wallet_id is not null and not exists (select 1 from wallets w where w.id = t.from_wallet_id))
       or (t.to_wallet_id is not null and not exists (select 1 from wallets w where w.id = t.to_wallet_id))
  ) then
    raise exception 'a transfer names a wallet that does not exist'
      using errcode = 'foreign_key_violation';
  end if;
  return null;
end;
$$;

create trigger entries_references after insert on entries
  referencing new table as new_entries
  for each statement execute function check_entry_references();
create trigger transfers_references after insert on transfers
  referencing new table as new_transfers
  for each statement execute function check_transfer_references();

create function refuse_journal_party_change() returns trigger language plpgsql as $$
begin
  raise exception 'the journal refers to %: % of their rows or ids is refused', tg_table_name, tg_op;
end;
$$;

-- `update of id` fires only for statements that set the id, never for a balance update.
create trigger accounts_kept before delete or update of id on accounts
  for each statement execute function refuse_journal_party_change();
create trigger wallets_kept before delete or update of id on wallets
  for each statement execute function refuse_journal_party_change();
