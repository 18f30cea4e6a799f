-- Identity's users as far as messages need them, kept from identity's user events (and from
-- one `identity.user.get` for a user none of whose events were applied yet), so that a
-- message asks identity nothing.
create table contacts (
  user_id uuid primary key,
  email text not null,
  phone text,
  -- Null once the user was deleted: nothing is sent to them any more.
  first_name text,
  user_name text not null,
  -- Final: a deleted user's later (or late) events change nothing.
  deleted_at timestamptz,
  -- The user's `updated_at` at identity when the row was written: an older event changes nothing.
  updated_at timestamptz not null,
  -- A deleted user's row keeps only what identity's deletion event carries.
  constraint contacts_deleted_check check ((deleted_at is null) = (first_name is not null)),
  constraint contacts_deleted_phone_check check (deleted_at is null or phone is null)
);
