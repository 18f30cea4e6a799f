-- People who can log in. A deleted user keeps its row (deleted_at set) for history, and
-- frees its user_name and email for someone else: uniqueness only counts live rows.
create table users (
  id uuid primary key,
  first_name text not null,
  last_name text not null,
  user_name text not null,
  email text not null,
  phone text,
  password_hash text not null,
  role text not null default 'user' check (role in ('user', 'admin')),
  two_factor_enabled boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  deleted_at timestamptz
);

create unique index users_user_name_key on users (lower(user_name)) where deleted_at is null;
create unique index users_email_key on users (lower(email)) where deleted_at is null;
create index users_created_at_idx on users (created_at);
