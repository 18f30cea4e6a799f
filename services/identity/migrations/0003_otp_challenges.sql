-- One-time code challenges of the two-factor login. The code is stored as an HMAC keyed
-- with a server secret, so a copy of this table does not reveal live codes.
create table otp_challenges (
  id uuid primary key,
  user_id uuid not null references users (id),
  code_hash text not null,
  channel text not null check (channel in ('sms', 'email')),
  expires_at timestamptz not null,
  attempts integer not null default 0 check (attempts >= 0),
  consumed_at timestamptz,
  created_at timestamptz not null
);

create index otp_challenges_user_idx on otp_challenges (user_id) where consumed_at is null;
