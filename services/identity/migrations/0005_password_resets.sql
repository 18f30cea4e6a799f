-- Password reset codes sent by email. Like one-time codes, the code is stored as an HMAC
-- keyed with a server secret and bound to the row, so a copy of this table reveals none.
create table password_resets (
  id uuid primary key,
  user_id uuid not null references users (id),
  code_hash text not null,
  expires_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  consumed_at timestamptz,
  created_at timestamptz not null
);

-- The user's latest code, and how many were sent lately (the rate limit).
create index password_resets_user_idx on password_resets (user_id, created_at);
