-- The names of the users invoices name, as identity last announced them
-- (`identity.user.created|updated|deleted`), so that an invoice names its payer and payee
-- without asking identity per row. `updated_at` is the user's own, so that an older event
-- arriving late changes nothing; a deleted user stays deleted.
create table party_names (
  user_id uuid primary key,
  display_name text not null,
  user_name text not null,
  updated_at timestamptz not null,
  deleted boolean not null default false
);
