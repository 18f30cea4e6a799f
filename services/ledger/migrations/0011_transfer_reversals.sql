-- An admin's reversal: a compensating transfer of type `reversal` from the original's payee
-- back to its payer, linked to the original. Entries stay as posted; the link says what a
-- reversal undoes, and the sum of an original's reversals never passes its amount.
alter table transfers drop constraint transfers_type_check;
alter table transfers add constraint transfers_type_check
  check (type in ('deposit', 'transfer', 'payment', 'withdrawal', 'savings', 'reversal'));

alter table transfers add column reversal_of uuid references transfers (id);
alter table transfers add constraint transfers_reversal_link
  check ((type = 'reversal') = (reversal_of is not null));

create index transfers_reversal_of_idx on transfers (reversal_of) where reversal_of is not null;
