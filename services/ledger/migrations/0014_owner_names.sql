-- The names of wallet owners as identity last announced them (`identity.user.created` and
-- `identity.user.updated`), so that history names the other party without asking identity
-- per row. `updated_at` is the user's own, so that an older event arriving late changes
-- nothing. A deleted owner keeps its row; `deleted_owners` says it is gone.
create table owner_names (
  owner_id uuid primary key,
  display_name text not null,
  user_name text not null,
  updated_at timestamptz not null
);
